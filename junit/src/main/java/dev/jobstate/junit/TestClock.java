package dev.jobstate.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock jobstate reads in a test: it decides which day an activity belongs to. It moves only
 * when the test moves it, so a test can cross midnight or an account's day start at will.
 */
public final class TestClock extends Clock {

    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    /**
     * @param instant the time from now on
     * @return this clock
     */
    public TestClock set(Instant instant) {
        now = instant;
        return this;
    }

    /**
     * @param amount how far to move forward (or back, if negative)
     * @return this clock
     */
    public TestClock advance(Duration amount) {
        now = now.plus(amount);
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in {@code zone} that moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock moving = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return moving.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moving.withZone(other);
            }
        };
    }

    @Override
    public String toString() {
        return "TestClock[" + now + "]";
    }
}
