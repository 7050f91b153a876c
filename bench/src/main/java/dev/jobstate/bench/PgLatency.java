package dev.jobstate.bench;

import java.util.Arrays;

/**
 * One thread's checkpoint latency through the PostgreSQL store against a bare JDBC round trip,
 * measured side by side: blocks of each alternate in one JVM (A B B A ...), so a disk or a server
 * that changes speed during the run changes both alike. JMH's forks would run them minutes apart.
 */
public final class PgLatency {

    static final int BLOCKS = 24;
    static final int PER_BLOCK = 500;
    static final int WARMUP_BLOCKS = 4;

    /** Latencies in nanoseconds, sorted: [0] the store's, [1] bare round trips'. */
    static long[][] measure() throws Exception {
        long[][] measured = new long[2][(BLOCKS - WARMUP_BLOCKS) / 2 * PER_BLOCK];
        int[] filled = new int[2];
        try (PgBenchDatabase database = new PgBenchDatabase();
             PgBenchDatabase.Account account = database.new Account("latency")) {
            for (int block = 0; block < BLOCKS; block++) {
                boolean store = (block % 4 == 0) || (block % 4 == 3);
                int side = store ? 0 : 1;
                for (int i = 0; i < PER_BLOCK; i++) {
                    long started = System.nanoTime();
                    if (store) {
                        account.checkpoint();
                    } else {
                        account.insertBare();
                    }
                    long took = System.nanoTime() - started;
                    if (block >= WARMUP_BLOCKS) {
                        measured[side][filled[side]++] = took;
                    }
                }
            }
        }
        Arrays.sort(measured[0]);
        Arrays.sort(measured[1]);
        return measured;
    }

    /** Just this figure: {@code java -cp bench/target/benchmarks.jar:agent/target/jobstate.jar dev.jobstate.bench.PgLatency}. */
    public static void main(String[] args) throws Exception {
        long[][] latencies = measure();
        System.out.printf("checkpoint p50 %.3f ms, bare INSERT p50 %.3f ms: %.2f×%n", percentileMillis(latencies[0], 50),
                percentileMillis(latencies[1], 50), percentileMillis(latencies[0], 50) / percentileMillis(latencies[1], 50));
    }

    static double percentileMillis(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * sorted.length))] / 1e6;
    }

    private PgLatency() {
    }
}
