package dev.jobstate.bench;

import java.util.Locale;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The PostgreSQL store's figures: checkpoint latency through the PostgreSQL store against a bare JDBC round trip,
 * one thread, in alternating blocks ({@link PgLatency}); and throughput with 16 threads on 16
 * accounts (JMH), beside 16 threads of bare round trips.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar:agent/target/jobstate.jar dev.jobstate.bench.PgTargets}
 * ({@code bench/pg.sh} builds both jars first).
 */
public final class PgTargets {

    private final JmhResults results = new JmhResults();

    private long[][] latencies;

    public static void main(String[] args) throws Exception {
        PgTargets targets = new PgTargets();
        targets.latencies = PgLatency.measure();
        targets.results.run("16", options().threads(16).mode(Mode.Throughput));
        targets.results.run("16", options().threads(16).mode(Mode.SampleTime));
        targets.print();
    }

    private static ChainedOptionsBuilder options() {
        return new OptionsBuilder().include("\\." + PgCheckpointBench.class.getSimpleName() + "\\.");
    }

    private void print() {
        double p50 = PgLatency.percentileMillis(latencies[0], 50);
        double bareP50 = PgLatency.percentileMillis(latencies[1], 50);
        double storeRate = results.opsPerSecond("16:storeCheckpoint");
        double bareRate = results.opsPerSecond("16:bareInsert");
        System.out.println();
        System.out.println("The PostgreSQL targets, measured side by side in this run (Java " + Runtime.version() + "):");
        row("checkpoint, 1 thread, p50", JmhResults.fmt("%.3f ms (%.2f× bare INSERT round trip, %.3f ms); p99 %.3f vs %.3f ms",
                p50, p50 / bareP50, bareP50, PgLatency.percentileMillis(latencies[0], 99),
                PgLatency.percentileMillis(latencies[1], 99)),
                "≤ 1.5×", p50 <= 1.5 * bareP50);
        double claimedP50 = PgLatency.percentileMillis(latencies[2], 50);
        row("checkpoint of a claimed run, p50", JmhResults.fmt("%.3f ms (%.2f× bare); p99 %.3f ms", claimedP50,
                claimedP50 / bareP50, PgLatency.percentileMillis(latencies[2], 99)), "≤ 1.5×", claimedP50 <= 1.5 * bareP50);
        row("checkpoints, 16 threads, 16 accounts", JmhResults.fmt("%.0f/s (bare INSERTs, a connection per thread: %.0f/s);"
                + " p50 %.2f ms, p99 %.2f ms", storeRate, bareRate, results.percentile("16:storeCheckpoint", 50),
                results.percentile("16:storeCheckpoint", 99)), "≥ 10,000/s", storeRate >= 10_000);
    }

    private static void row(String what, String measured, String target, boolean met) {
        System.out.println(String.format(Locale.ROOT, "  %-38s %-90s %-12s %s", what, measured, target,
                met ? "met" : "MISSED"));
    }
}
