package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts a bot in a child JVM, as a user does: {@code java [flags] [-javaagent:jobstate.jar[=args]] -cp
 * <bot classes>:<api jar> <main> <args>}, in a working folder of the test's own, with its own system
 * properties and environment, and captures what it prints.
 */
final class ChildJvm {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final Jdk jdk;
    private final Path workDir;
    private boolean agent = true;
    private String agentArgs;
    private Path classes = BotClasses.withParameters();
    private final List<Path> classPath = new ArrayList<>();
    private String mainClass = "bots.RewardsBot";
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmFlags = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private ChildJvm(Jdk jdk, Path workDir) {
        this.jdk = jdk;
        this.workDir = workDir;
        // A zone where it is around noon: a test never straddles midnight unless it means to.
        env.put("TZ", Zones.NOON.getId());
    }

    static ChildJvm on(Jdk jdk, Path workDir) {
        return new ChildJvm(jdk, workDir);
    }

    ChildJvm withoutAgent() {
        agent = false;
        return this;
    }

    /** The text after {@code -javaagent:jobstate.jar=}. */
    ChildJvm agentArgs(String text) {
        agentArgs = text;
        return this;
    }

    ChildJvm classes(Path folder) {
        classes = folder;
        return this;
    }

    /** Another entry on the class path, after the bot's classes and the api jar: jobstate.jar, say. */
    ChildJvm alsoOnClassPath(Path entry) {
        classPath.add(entry);
        return this;
    }

    ChildJvm main(String className, String... arguments) {
        mainClass = className;
        args.clear();
        args.addAll(List.of(arguments));
        return this;
    }

    /** A flag for the JVM itself, before the agent ({@code -XX:StartFlightRecording:...}, say). */
    ChildJvm jvmFlag(String flag) {
        jvmFlags.add(flag);
        return this;
    }

    ChildJvm property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** {@code -Djobstate.debug=true}: the agent says what it instruments. */
    ChildJvm debug() {
        return property("jobstate.debug", "true");
    }

    ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    ChildJvm timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmFlags);
        if (agent) {
            command.add("-javaagent:" + ItEnv.agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        StringBuilder path = new StringBuilder(classes + File.pathSeparator + ItEnv.apiJar());
        classPath.forEach(entry -> path.append(File.pathSeparator).append(entry));
        command.add(path.toString());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Starts the JVM and returns at once. */
    Running start() {
        ProcessBuilder builder = new ProcessBuilder(command()).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        // Options from the environment would make the JVM print "Picked up ..." on stderr.
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("_JAVA_OPTIONS");
        environment.putAll(env);
        try {
            return new Running(this, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command(), e);
        }
    }

    /** Runs the JVM to its end; fails the test if it takes longer than the timeout. */
    Result run() {
        try (Running running = start()) {
            return running.await(timeout);
        }
    }

    /** A child JVM that was started; closing it kills it if it still runs. */
    static final class Running implements AutoCloseable {

        private final ChildJvm spec;
        private final Process process;
        private final Lines stdout;
        private final Lines stderr;

        private Running(ChildJvm spec, Process process) {
            this.spec = spec;
            this.process = process;
            try {
                this.process.getOutputStream().close();
            } catch (IOException ignored) {
                // Nothing to close.
            }
            this.stdout = new Lines(process.getInputStream(), "stdout-" + process.pid());
            this.stderr = new Lines(process.getErrorStream(), "stderr-" + process.pid());
        }

        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits until the stdout lines so far satisfy {@code condition} or the JVM ends.
         *
         * @return whether the condition holds
         */
        boolean awaitStdout(Predicate<List<String>> condition, Duration limit) {
            return stdout.await(condition, limit);
        }

        /** Kills the JVM with SIGKILL (what {@code destroyForcibly} sends on Linux) and collects its output. */
        Result kill() {
            process.destroyForcibly();
            return collect(spec.timeout);
        }

        Result await(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    Result partial = collect(Duration.ofSeconds(10));
                    fail("the child JVM did not end within " + limit + "\n" + partial.describe());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return collect(Duration.ofSeconds(10));
        }

        private Result collect(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    fail("the child JVM did not end after it was killed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(spec.command(), process.exitValue(), stdout.finish(), stderr.finish());
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Reads a stream line by line on its own thread, and lets a test wait for what it wants to see. */
    private static final class Lines {

        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Lines(InputStream stream, String name) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (this) {
                            lines.add(line);
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // The stream of a killed process may end abruptly; what was read is kept.
                } finally {
                    synchronized (this) {
                        ended = true;
                        notifyAll();
                    }
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        synchronized boolean await(Predicate<List<String>> condition, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                if (condition.test(lines)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        List<String> finish() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return List.copyOf(lines);
            }
        }
    }
}
