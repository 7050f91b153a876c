package dev.jobstate.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** A failure as one short line for a page: what happened, never where in the code. */
final class Reasons {

    private Reasons() {
    }

    static String of(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        if (cause instanceof NoSuchFileException missing) {
            return missing.getReason() != null ? missing.getReason() + ": " + missing.getFile() : "no such file: " + message;
        }
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        // Our own messages (and the database's) say what happened; for anything else, the kind helps.
        boolean ours = cause.getClass().getName().startsWith("dev.jobstate.") || cause.getClass() == IOException.class;
        return (ours ? message : cause.getClass().getSimpleName() + ": " + message).replace('\n', ' ').strip();
    }
}
