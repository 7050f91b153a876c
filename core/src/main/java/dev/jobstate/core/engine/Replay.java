package dev.jobstate.core.engine;

/**
 * What a call that is skipped returns instead of running. Instrumentation skips a method's body
 * exactly when the engine hands back an instance of this class.
 */
public final class Replay {

    private final Object value;

    Replay(Object value) {
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
