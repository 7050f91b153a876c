package dev.jobstate.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attaches jobstate to this JVM from a helper process, {@code java -jar jobstate.jar attach <pid>},
 * on this JVM's own Java: the JDK lets a JVM be attached by another process when it forbids
 * attaching itself. What the helper prints is kept, not shown: its last line is the reason when it fails.
 */
final class AttachHelper {

    private AttachHelper() {
    }

    static Attempt attach(long pid, Path jar, String agentArgs, Duration limit) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            return Attempt.failed("attaching from inside the JVM is refused, and there is no " + java
                    + " to attach it from a helper process", Attempt.JAVAAGENT_OR_SELF);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // A helper that lives a second: no JIT worth waiting for.
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toString(), "attach", Long.toString(pid)));
        if (agentArgs != null) {
            command.add(agentArgs);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return Attempt.failed("attaching from inside the JVM is refused, and the helper process could not"
                    + " start (" + e.getMessage() + ")", Attempt.JAVAAGENT_OR_SELF);
        }
        Output output = new Output(process.getInputStream());
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Attempt.failed("attaching from inside the JVM is refused, and the helper process did not"
                        + " attach it within " + limit.toSeconds() + " s", Attempt.JAVAAGENT_OR_SELF);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted while the helper process attached it", Attempt.JAVAAGENT_OR_SELF);
        }
        if (process.exitValue() != 0) {
            return Attempt.failed("attaching from inside the JVM is refused, and the helper process failed: "
                    + output.lastLine(), Attempt.JAVAAGENT_OR_SELF);
        }
        return Attempt.done("through a helper process");
    }

    /** Drains the helper's output on a thread of its own, so a chatty helper never blocks on a full pipe. */
    private static final class Output {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException ignored) {
                    // What was read is what there is.
                }
            }, "jobstate-attach-helper");
            reader.setDaemon(true);
            reader.start();
        }

        String lastLine() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                return "it said nothing";
            }
            String last = lines.get(lines.size() - 1);
            return last.startsWith("jobstate: ") ? last.substring("jobstate: ".length()) : last;
        }
    }
}
