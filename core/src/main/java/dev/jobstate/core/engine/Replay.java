package dev.jobstate.core.engine;

/**
 * What a call that is skipped returns, or throws, instead of running. Instrumentation skips a
 * method's body exactly when the engine hands back an instance of this class.
 */
public final class Replay {

    private static final Replay NOTHING = new Replay(null, null);

    private final Object value;
    private final RuntimeException failure;

    private Replay(Object value, RuntimeException failure) {
        this.value = value;
        this.failure = failure;
    }

    /** Most skipped calls return nothing: they share one instance, so skipping allocates nothing. */
    static Replay of(Object value) {
        return value == null ? NOTHING : new Replay(value, null);
    }

    /**
     * A skipped call that throws {@code failure}: jobstate refuses to run it (it gave up on it today).
     *
     * @param zero the method's zero value ({@code 0}, {@code false}, null): instrumentation assigns
     *     the value to the method's return slot before it throws, and a null there would fail to
     *     unbox for a primitive, which would end the advice before the throw
     */
    static Replay failing(Object zero, RuntimeException failure) {
        return new Replay(zero, failure);
    }

    public Object value() {
        return value;
    }

    /** What the skipped call throws instead of returning, or null. */
    public RuntimeException failure() {
        return failure;
    }
}
