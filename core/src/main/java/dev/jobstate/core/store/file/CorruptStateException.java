package dev.jobstate.core.store.file;

/** A state file that is not a state file: bad JSON, wrong shape, too large. */
final class CorruptStateException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptStateException(String message) {
        super(message);
    }
}
