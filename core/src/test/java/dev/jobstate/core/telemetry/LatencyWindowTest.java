package dev.jobstate.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Percentiles of the latest checkpoint latencies, by nearest rank, over a window of time and count. */
class LatencyWindowTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));

    private LatencyWindow window(int capacity, long windowNanos) {
        return new LatencyWindow(capacity, windowNanos, now::get);
    }

    @Test
    void percentilesAreTheNearestRankOfTheSamples() {
        LatencyWindow window = window(1024, TimeUnit.MINUTES.toNanos(5));
        for (int ms = 100; ms >= 1; ms--) { // out of order: the window sorts
            window.record(ms * MS);
        }

        assertEquals(new LatencyWindow.Percentiles(100, 50.0, 95.0, 99.0), window.percentiles());
    }

    @Test
    void aFewSamplesGiveTheirOwnValuesNotInterpolations() {
        LatencyWindow window = window(1024, TimeUnit.MINUTES.toNanos(5));
        window.record(3 * MS / 2);
        window.record(10 * MS);
        window.record(2 * MS);

        // Ranks ceil(0.5 * 3) = 2, ceil(0.95 * 3) = 3, ceil(0.99 * 3) = 3.
        assertEquals(new LatencyWindow.Percentiles(3, 2.0, 10.0, 10.0), window.percentiles());
    }

    @Test
    void aFullWindowKeepsTheLatestSamples() {
        LatencyWindow window = window(4, TimeUnit.MINUTES.toNanos(5));
        for (int ms = 1; ms <= 6; ms++) {
            window.record(ms * 100 * MS);
        }

        // 100 and 200 ms were pushed out by 500 and 600.
        assertEquals(new LatencyWindow.Percentiles(4, 400.0, 600.0, 600.0), window.percentiles());
    }

    @Test
    void samplesOlderThanTheWindowNoLongerCount() {
        LatencyWindow window = window(1024, TimeUnit.MINUTES.toNanos(5));
        window.record(900 * MS);
        now.addAndGet(TimeUnit.MINUTES.toNanos(4));
        window.record(2 * MS);
        assertEquals(2, window.percentiles().samples());

        now.addAndGet(TimeUnit.MINUTES.toNanos(2)); // the 900 ms one is six minutes old
        assertEquals(new LatencyWindow.Percentiles(1, 2.0, 2.0, 2.0), window.percentiles());

        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        assertEquals(new LatencyWindow.Percentiles(0, 0, 0, 0), window.percentiles(),
                "a bot that stopped writing shows no figures rather than old ones");
    }

    @Test
    void noSamplesNoFigures() {
        assertEquals(new LatencyWindow.Percentiles(0, 0, 0, 0), window(16, MS).percentiles());
    }
}
