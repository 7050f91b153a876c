package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change to a day's state. A store persists a day by applying the mutations it has not yet
 * written on top of what is on disk, so two writers' changes combine instead of overwriting
 * each other.
 */
public sealed interface Mutation {

    String id();

    Instant at();

    DayState applyTo(DayState state);

    /**
     * The activity returned normally.
     *
     * @param result the recorded result, or null when there is none to record (a void method, or a
     *     result that did not serialize); a recorded {@code null} is a {@code NullNode}
     */
    record Completed(String id, Instant at, long durationMillis, JsonNode result) implements Mutation {
        @Override
        public DayState applyTo(DayState state) {
            return state.withCompleted(this);
        }
    }

    /**
     * The activity threw; it stays to do.
     *
     * @param durationMillis how long the attempt ran, or -1 when unknown
     * @param maxAttempts the activity's cap on failed attempts a day, 0 for none
     */
    record Failed(String id, Instant at, String exception, String message, long durationMillis, int maxAttempts)
            implements Mutation {

        public Failed(String id, Instant at, String exception, String message, long durationMillis) {
            this(id, at, exception, message, durationMillis, 0);
        }

        public Failed(String id, Instant at, String exception, String message) {
            this(id, at, exception, message, -1);
        }

        @Override
        public DayState applyTo(DayState state) {
            return state.withFailed(this);
        }
    }

    /**
     * An {@code @Activity(once = true)} is about to run: until an outcome of it follows, it is in
     * doubt, and no run takes it again without an operator's word. Ordinary activities record no start.
     */
    record Started(String id, Instant at) implements Mutation {
        @Override
        public DayState applyTo(DayState state) {
            return state.withStarted(this);
        }
    }

    /** An operator says the activity was done by hand: completed, with no duration or result. */
    record Marked(String id, Instant at) implements Mutation {
        @Override
        public DayState applyTo(DayState state) {
            return state.withMarked(this);
        }
    }

    /**
     * An operator says the activity is to be done again: it leaves {@code completed} (with its result
     * and duration) for {@code remaining}, its failed attempts are forgotten (a given-up activity
     * gets its attempts back), and any outcome of it from before {@code at} that a running bot still
     * has to save is dropped.
     */
    record Unmarked(String id, Instant at) implements Mutation {
        @Override
        public DayState applyTo(DayState state) {
            return state.withUnmarked(this);
        }
    }
}
