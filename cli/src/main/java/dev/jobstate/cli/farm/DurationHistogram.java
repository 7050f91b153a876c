package dev.jobstate.cli.farm;

/**
 * Durations counted in logarithmic buckets (about 10 % wide), so a percentile over millions of
 * runs needs a few hundred counters instead of the runs themselves.
 */
final class DurationHistogram {

    private static final double STEP = Math.log(1.1);
    private static final int BUCKETS = 200; // 1.1^200 ms is about 6 days

    /**
     * The bucket of each duration up to about a minute, worked out once by {@link #bucketOf}: a
     * report adds millions of durations, and a logarithm each was a tenth of its merging.
     */
    private static final byte[] SHORT = new byte[65_536];

    static {
        for (int ms = 0; ms < SHORT.length; ms++) {
            SHORT[ms] = (byte) bucketOf(ms);
        }
    }

    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long sum;

    void add(long millis) {
        long ms = Math.max(0, millis);
        int bucket = ms < SHORT.length ? SHORT[(int) ms] & 0xFF : bucketOf(ms);
        counts[bucket]++;
        total++;
        sum += ms;
    }

    private static int bucketOf(long ms) {
        return ms <= 1 ? 0 : (int) Math.min(BUCKETS, Math.ceil(Math.log(ms) / STEP));
    }

    void addAll(DurationHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
    }

    long count() {
        return total;
    }

    long mean() {
        return total == 0 ? -1 : Math.round((double) sum / total);
    }

    /** The upper bound of the bucket holding the {@code q} quantile, or -1 with no data. */
    long quantile(double q) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == 0 ? 1 : Math.round(Math.exp(i * STEP));
            }
        }
        return Math.round(Math.exp(BUCKETS * STEP));
    }
}
