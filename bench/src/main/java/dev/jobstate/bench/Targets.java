package dev.jobstate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every in-process benchmark (skip path, checkpoint, memory) in one go and prints each figure beside its target.
 * The agent's benchmarks run in forks with {@code -javaagent:} on the built jar, configured to keep
 * state in a fresh folder on the real disk; their floors run in the same fork, right beside them.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.jobstate.bench.Targets agent/target/jobstate.jar}
 * (bench/run.sh builds both jars first).
 */
public final class Targets {

    private final Path agent;
    private final Path state;
    private final Path config;
    private final JmhResults results = new JmhResults();
    private final List<String> rows = new ArrayList<>();
    private long memory;

    private Targets(Path agent, Path base) throws IOException {
        this.agent = agent.toAbsolutePath();
        this.state = base.resolve("state");
        this.config = base.resolve("jobstate.json");
        Files.writeString(config, "{\"jobState\": {\"dir\": \"" + state.toString().replace("\\", "\\\\")
                + "\", \"timezone\": \"" + SkipBench.ZONE + "\"}}", StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: Targets <path to jobstate.jar>");
            System.exit(2);
        }
        Path base = BenchDirs.newDir("targets-");
        try {
            Targets targets = new Targets(Path.of(args[0]), base);
            targets.measure();
            targets.print();
        } finally {
            BenchDirs.delete(base);
        }
    }

    private void measure() throws RunnerException, IOException, InterruptedException {
        results.run("agent", withAgent().include(name(SkipBench.class)).include(name(PlainCallBench.class)));
        results.run("plain", new OptionsBuilder().include(name(PlainCallBench.class)));
        results.run("agent", withAgent().include(name(CheckpointBench.class)).mode(Mode.Throughput));
        results.run("agent", withAgent().include(name(CheckpointBench.class)).mode(Mode.SampleTime));
        memory = new MemoryRun(agent, config, state).bytesPerAccountDay();
    }

    private ChainedOptionsBuilder withAgent() {
        return new OptionsBuilder().jvmArgsAppend("-javaagent:" + agent + "=config=" + config,
                "-D" + Agent.STATE_DIR + "=" + state);
    }

    private void print() {
        double skip = ns("agent:skippedActivity");
        double skipInt = ns("agent:skippedActivityReplayingAnInt");
        double floor = ns("agent:mapHitPlusToday");
        row("skip path, void activity", JmhResults.fmt("%.0f ns (%.2f× floor of %.0f ns)", skip, skip / floor, floor),
                "≤ 1000 ns and ≤ 2×", skip <= 1000 && skip <= 2 * floor);
        row("skip path, int replayed", JmhResults.fmt("%.0f ns (%.2f× floor)", skipInt, skipInt / floor),
                "≤ 1000 ns and ≤ 2×", skipInt <= 1000 && skipInt <= 2 * floor);
        double withAgent = ns("agent:unannotatedMethod");
        double without = ns("plain:unannotatedMethod");
        double noise = Math.max(error("agent:unannotatedMethod", "avgt"), error("plain:unannotatedMethod", "avgt"));
        row("unannotated method, instrumented class", JmhResults.fmt("%.2f ns vs %.2f ns without agent (±%.2f)", withAgent,
                without, noise), "indistinguishable", Math.abs(withAgent - without) <= Math.max(noise, 0.05 * without));
        double p50 = percentile("agent:agentOneThread", 50);
        double rawP50 = percentile("agent:rawOneThread", 50);
        row("checkpoint, 1 thread, p50", JmhResults.fmt("%.3f ms (%.2f× raw floor of %.3f ms)", p50, p50 / rawP50, rawP50),
                "≤ 1.3×", p50 <= 1.3 * rawP50);
        double once = percentile("agent:agentOnceOneThread", 50);
        row("once checkpoint, 1 thread, p50", JmhResults.fmt("%.3f ms (%.2f× an ordinary one, %.2f× raw floor)",
                once, once / p50, once / rawP50), "(report)", null);
        double same = opsPerSecond("agent:agent16ThreadsOneFile");
        double raw16 = opsPerSecond("agent:raw16ThreadsOneFile");
        row("checkpoints, 16 threads, one file", JmhResults.fmt("%.0f/s (%.1f× raw recipe per checkpoint, %.0f/s);"
                + " p99 %.2f ms", same, same / raw16, raw16, percentile("agent:agent16ThreadsOneFile", 99)),
                "≥ 4×", same >= 4 * raw16);
        row("checkpoints, 16 threads, 16 accounts", JmhResults.fmt("%.0f/s, p50 %.2f ms, p99 %.2f ms",
                opsPerSecond("agent:agent16ThreadsOwnAccounts"), percentile("agent:agent16ThreadsOwnAccounts", 50),
                percentile("agent:agent16ThreadsOwnAccounts", 99)), "(report)", null);
        row("checkpoints, 1 thread", JmhResults.fmt("%.0f/s (raw %.0f/s)", opsPerSecond("agent:agentOneThread"),
                opsPerSecond("agent:rawOneThread")), "(report)", null);
        row("memory per account-day of 50 activities", memory + " bytes", "≤ 2048 bytes", memory <= 2048);
        System.out.println();
        System.out.println("The targets, measured side by side in this run (Java " + Runtime.version() + "):");
        rows.forEach(System.out::println);
    }

    /** @param met null for a figure the issue asks only to report */
    private void row(String what, String measured, String target, Boolean met) {
        rows.add(String.format(Locale.ROOT, "  %-42s %-62s %-20s %s", what, measured, target,
                met == null ? "" : met ? "met" : "MISSED"));
    }

    private double ns(String key) {
        return results.primary(key, "avgt").getScore();
    }

    private double error(String key, String mode) {
        return results.primary(key, mode).getScoreError();
    }

    private double opsPerSecond(String key) {
        return results.opsPerSecond(key);
    }

    private double percentile(String key, double p) {
        return results.percentile(key, p);
    }

    private static String name(Class<?> benchmark) {
        return "\\." + benchmark.getSimpleName() + "\\.";
    }
}
