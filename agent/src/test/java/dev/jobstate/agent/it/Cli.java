package dev.jobstate.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar jobstate.jar <args>} in a folder, as an operator does, in the tests' zone. */
final class Cli {

    private Cli() {
    }

    static Result run(Path workDir, String... args) {
        return run(Path.of(System.getProperty("java.home"), "bin", "java"), workDir, args);
    }

    /** On the {@code java} of another JDK. */
    static Result run(Path java, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", ItEnv.agentJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().put("TZ", Zones.NOON.getId());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jobstate " + String.join(" ", args) + " did not end");
            }
            List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return new Result(command, process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
