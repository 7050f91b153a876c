package dev.jobstate.core.telemetry;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The latest checkpoint latencies, for percentiles over a recent window: at most {@code capacity}
 * samples, and of those only the ones taken within {@code windowNanos} of the question. A bot that
 * stopped writing an hour ago thus shows no samples rather than the figures of an hour ago.
 *
 * <p>A checkpoint costs an fsync or a database round trip; the lock taken to note one is noise
 * beside it, and it is never taken on the skip path.
 */
final class LatencyWindow {

    /** Percentiles in milliseconds, nearest rank; all 0 when {@code samples} is 0. */
    record Percentiles(int samples, double p50Millis, double p95Millis, double p99Millis) {
    }

    private final long[] latencies;
    private final long[] takenAt;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private int next;
    private int size;

    LatencyWindow(int capacity, long windowNanos, LongSupplier nanoClock) {
        this.latencies = new long[capacity];
        this.takenAt = new long[capacity];
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    synchronized void record(long latencyNanos) {
        latencies[next] = latencyNanos;
        takenAt[next] = nanoClock.getAsLong();
        next = (next + 1) % latencies.length;
        size = Math.min(size + 1, latencies.length);
    }

    Percentiles percentiles() {
        long[] recent = recent();
        if (recent.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        Arrays.sort(recent);
        return new Percentiles(recent.length, rank(recent, 50), rank(recent, 95), rank(recent, 99));
    }

    private synchronized long[] recent() {
        long now = nanoClock.getAsLong();
        long[] found = new long[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (now - takenAt[i] <= windowNanos) {
                found[count++] = latencies[i];
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** The smallest sample that at least {@code percent} % of the samples do not exceed. */
    private static double rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)] / 1_000_000.0;
    }
}
