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

    /** The activity threw; it stays to do. */
    record Failed(String id, Instant at, String exception, String message) implements Mutation {
        @Override
        public DayState applyTo(DayState state) {
            return state.withFailed(this);
        }
    }
}
