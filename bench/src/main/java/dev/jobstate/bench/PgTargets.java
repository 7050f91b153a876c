package dev.jobstate.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 6's figures: checkpoint latency through the PostgreSQL store against a bare JDBC round trip,
 * one thread, in alternating blocks ({@link PgLatency}); and throughput with 16 threads on 16
 * accounts (JMH), beside 16 threads of bare round trips.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar:agent/target/jobstate.jar dev.jobstate.bench.PgTargets}
 * ({@code bench/pg.sh} builds both jars first).
 */
public final class PgTargets {

    private final Map<String, RunResult> results = new HashMap<>();

    private long[][] latencies;

    public static void main(String[] args) throws Exception {
        PgTargets targets = new PgTargets();
        targets.latencies = PgLatency.measure();
        targets.run("16", options().threads(16).mode(Mode.Throughput));
        targets.run("16", options().threads(16).mode(Mode.SampleTime));
        targets.print();
    }

    private static ChainedOptionsBuilder options() {
        return new OptionsBuilder().include("\\." + PgCheckpointBench.class.getSimpleName() + "\\.")
                .shouldFailOnError(true);
    }

    private void run(String threads, ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> done = new Runner(options.build()).run();
        for (RunResult result : done) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            results.put(threads + ":" + method + ":" + result.getParams().getMode().shortLabel(), result);
        }
    }

    private void print() {
        double p50 = PgLatency.percentileMillis(latencies[0], 50);
        double bareP50 = PgLatency.percentileMillis(latencies[1], 50);
        double storeRate = primary("16:storeCheckpoint", "thrpt").getScore() * 1000;
        double bareRate = primary("16:bareInsert", "thrpt").getScore() * 1000;
        System.out.println();
        System.out.println("Issue 6 targets, measured side by side in this run (Java " + Runtime.version() + "):");
        row("checkpoint, 1 thread, p50", fmt("%.3f ms (%.2f× bare INSERT round trip, %.3f ms); p99 %.3f vs %.3f ms",
                p50, p50 / bareP50, bareP50, PgLatency.percentileMillis(latencies[0], 99),
                PgLatency.percentileMillis(latencies[1], 99)),
                "≤ 1.5×", p50 <= 1.5 * bareP50);
        row("checkpoints, 16 threads, 16 accounts", fmt("%.0f/s (bare INSERTs, a connection per thread: %.0f/s);"
                + " p50 %.2f ms, p99 %.2f ms", storeRate, bareRate, percentile("16:storeCheckpoint", 50),
                percentile("16:storeCheckpoint", 99)), "≥ 10,000/s", storeRate >= 10_000);
    }

    private static void row(String what, String measured, String target, boolean met) {
        System.out.println(String.format(Locale.ROOT, "  %-38s %-90s %-12s %s", what, measured, target,
                met ? "met" : "MISSED"));
    }

    private double percentile(String key, double p) {
        return primary(key, "sample").getStatistics().getPercentile(p);
    }

    private Result<?> primary(String key, String mode) {
        RunResult result = results.get(key + ":" + mode);
        if (result == null) {
            throw new IllegalStateException("no result for " + key + " (" + mode + "); have " + results.keySet());
        }
        return result.getPrimaryResult();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
