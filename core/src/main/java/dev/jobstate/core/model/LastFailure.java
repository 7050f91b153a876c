package dev.jobstate.core.model;

import java.time.Instant;

/**
 * How an activity last failed today, and how many times it has failed today.
 *
 * @param exception the thrown exception's class name
 * @param message its message, or null
 * @param maxAttempts the activity's {@code maxAttempts} when it last failed, 0 for no cap: what
 *     status and the report need to say it was given up on, since they never see the annotation
 */
public record LastFailure(String exception, String message, Instant at, int attempts, int maxAttempts) {

    public LastFailure(String exception, String message, Instant at, int attempts) {
        this(exception, message, at, attempts, 0);
    }

    /** Whether the activity has used up its attempts for the day: no call runs it again today. */
    public boolean gaveUp() {
        return maxAttempts > 0 && attempts >= maxAttempts;
    }
}
