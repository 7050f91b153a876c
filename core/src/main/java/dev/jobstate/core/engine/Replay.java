package dev.jobstate.core.engine;

/**
 * What a call that is skipped returns instead of running. Instrumentation skips a method's body
 * exactly when the engine hands back an instance of this class.
 */
public final class Replay {

    private static final Replay NOTHING = new Replay(null);

    private final Object value;

    private Replay(Object value) {
        this.value = value;
    }

    /** Most skipped calls return nothing: they share one instance, so skipping allocates nothing. */
    static Replay of(Object value) {
        return value == null ? NOTHING : new Replay(value);
    }

    public Object value() {
        return value;
    }
}
