package dev.jobstate.core.engine;

/** An id template or account path that cannot be turned into text for this call. */
final class Unresolvable extends Exception {

    private static final long serialVersionUID = 1L;

    public Unresolvable(String message) {
        super(message, null, false, false);
    }
}
