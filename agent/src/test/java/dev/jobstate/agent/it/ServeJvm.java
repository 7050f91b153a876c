package dev.jobstate.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar jobstate.jar serve <args>}, started as an operator starts it (in a folder, in the
 * tests' zone), running until closed; it knows the port from the line serve prints.
 */
final class ServeJvm implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("^serving (http://127\\.0\\.0\\.1:(\\d+)/)$");

    private final Process process;
    private final Path errors;
    private final List<String> stdout = new ArrayList<>();
    private String url;

    private ServeJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (this) {
                        stdout.add(line);
                        Matcher serving = SERVING.matcher(line);
                        if (serving.matches()) {
                            url = serving.group(1);
                        }
                        notifyAll();
                    }
                }
            } catch (IOException ended) {
                // killed: what was read is kept
            }
        }, "serve-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ServeJvm start(Jdk jdk, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", ItEnv.agentJar().toString(),
                "serve"));
        command.addAll(List.of(args));
        Path errors = workDir.resolve("serve.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(errors.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().remove("JOBSTATE_TOKEN");
        builder.environment().put("TZ", Zones.NOON.getId());
        try {
            return new ServeJvm(builder.start(), errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@code http://127.0.0.1:<port>/}, once serve said it; fails if it ended first or said nothing. */
    synchronized String url(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (url == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive()) {
                throw new AssertionError("serve did not say where it serves\n" + describe());
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return url;
    }

    /** For assertion messages: what serve printed. */
    synchronized String describe() {
        String err;
        try {
            err = Files.exists(errors) ? Files.readString(errors) : "";
        } catch (IOException e) {
            err = "(" + e + ")";
        }
        return "--- serve stdout ---\n" + String.join("\n", stdout) + "\n--- serve stderr ---\n" + err;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
