package dev.jobstate.core.engine;

import dev.jobstate.core.telemetry.ActivityOutcome;

/**
 * What a call that is skipped returns, or throws, instead of running. Instrumentation skips a
 * method's body exactly when the engine hands back an instance of this class.
 */
public final class Replay {

    private static final Replay NOTHING = new Replay(null, null, ActivityOutcome.SKIPPED);

    private final Object value;
    private final Throwable failure;
    private final ActivityOutcome outcome;

    private Replay(Object value, Throwable failure, ActivityOutcome outcome) {
        this.value = value;
        this.failure = failure;
        this.outcome = outcome;
    }

    /** Most skipped calls return nothing: they share one instance, so skipping allocates nothing. */
    static Replay of(Object value) {
        return value == null ? NOTHING : new Replay(value, null, ActivityOutcome.SKIPPED);
    }

    /** A call that shares the outcome of another call's pending {@code future}. */
    static Replay sharing(Object future) {
        return new Replay(future, null, ActivityOutcome.SHARED);
    }

    /**
     * A skipped call that throws {@code failure}: jobstate refuses to run it (it gave up on it today),
     * or a test harness stops the run there as a kill would.
     *
     * @param zero the method's zero value ({@code 0}, {@code false}, null): instrumentation assigns
     *     the value to the method's return slot before it throws, and a null there would fail to
     *     unbox for a primitive, which would end the advice before the throw
     * @param why which refusal it is, for telemetry
     */
    static Replay failing(Object zero, Throwable failure, ActivityOutcome why) {
        return new Replay(zero, failure, why);
    }

    public Object value() {
        return value;
    }

    /** What the skipped call throws instead of returning, or null. */
    public Throwable failure() {
        return failure;
    }

    ActivityOutcome outcome() {
        return outcome;
    }
}
