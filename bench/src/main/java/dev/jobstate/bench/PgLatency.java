package dev.jobstate.bench;

import java.util.Arrays;

/**
 * One thread's checkpoint latency through the PostgreSQL store against a bare JDBC round trip,
 * measured side by side: blocks of each alternate in one JVM (A B B A ...), so a disk or a server
 * that changes speed during the run changes both alike. JMH's forks would run them minutes apart.
 */
public final class PgLatency {

    static final int BLOCKS = 30;
    static final int PER_BLOCK = 500;
    static final int WARMUP_BLOCKS = 6;
    /** The side each block measures, in a pattern that gives each side each position equally. */
    private static final int[] ROTATION = {0, 1, 2, 2, 1, 0};

    /**
     * Latencies in nanoseconds, sorted: [0] the store's checkpoint of an unleased outcome, [1] bare
     * round trips, [2] the store's checkpoint of a claimed run's outcome (its claim not timed).
     */
    static long[][] measure() throws Exception {
        long[][] measured = new long[3][(BLOCKS - WARMUP_BLOCKS) / ROTATION.length * 2 * PER_BLOCK];
        int[] filled = new int[3];
        try (PgBenchDatabase database = new PgBenchDatabase();
             PgBenchDatabase.Account account = database.new Account("latency")) {
            for (int block = 0; block < BLOCKS; block++) {
                int side = ROTATION[block % ROTATION.length];
                for (int i = 0; i < PER_BLOCK; i++) {
                    long took = switch (side) {
                        case 0 -> timed(account::checkpoint);
                        case 1 -> timed(account::insertBare);
                        default -> account.claimedCheckpointNanos();
                    };
                    if (block >= WARMUP_BLOCKS) {
                        measured[side][filled[side]++] = took;
                    }
                }
            }
        }
        for (long[] side : measured) {
            Arrays.sort(side);
        }
        return measured;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return System.nanoTime() - started;
    }

    /** Just this figure: {@code java -cp bench/target/benchmarks.jar:agent/target/jobstate.jar dev.jobstate.bench.PgLatency}. */
    public static void main(String[] args) throws Exception {
        long[][] latencies = measure();
        double bare = percentileMillis(latencies[1], 50);
        System.out.printf("checkpoint p50 %.3f ms, of a claimed run %.3f ms, bare INSERT p50 %.3f ms: %.2f× and %.2f×%n",
                percentileMillis(latencies[0], 50), percentileMillis(latencies[2], 50), bare,
                percentileMillis(latencies[0], 50) / bare, percentileMillis(latencies[2], 50) / bare);
    }

    static double percentileMillis(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * sorted.length))] / 1e6;
    }

    private PgLatency() {
    }
}
