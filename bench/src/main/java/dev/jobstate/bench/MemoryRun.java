package dev.jobstate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs {@link MemoryFootprint} in a JVM of its own with the agent attached, and reads its answer. */
final class MemoryRun {

    private final Path agent;
    private final Path config;
    private final Path state;

    MemoryRun(Path agent, Path config, Path state) {
        this.agent = agent;
        this.config = config;
        this.state = state;
    }

    long bytesPerAccountDay() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx1g",
                "-javaagent:" + agent + "=config=" + config, "-D" + Agent.STATE_DIR + "=" + state,
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || !out.startsWith("bytes-per-account-day ")) {
            throw new IllegalStateException("the memory run failed: " + out);
        }
        System.out.println(out);
        return Long.parseLong(out.split(" ")[1]);
    }
}
