package dev.jobstate.core.store;

import dev.jobstate.core.log.Log;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once that state is not being saved, and once that it is again, however many calls fail in
 * between: a full disk must not bury the host's own output under one warning per activity.
 */
public final class PersistenceHealth {

    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile String lastProblem;

    /**
     * @param what what could not be done, naming the file or folder
     */
    public void failed(String what, Exception cause) {
        lastProblem = "cannot " + what + ": " + Log.describe(cause);
        if (failing.compareAndSet(false, true)) {
            Log.warn("cannot " + what + ": " + Log.describe(cause) + ". Activities keep running,"
                    + " but what they complete is not saved until this is fixed (said once; another"
                    + " line follows when saving works again).");
        }
    }

    public void succeeded() {
        if (failing.compareAndSet(true, false)) {
            Log.info("state is being saved again; what completed in the meantime is saved too.");
        }
    }

    /** Whether the last write (or read) failed, for the agent's MBean. */
    public boolean isFailing() {
        return failing.get();
    }

    /** The last failure's text ({@code cannot <what>: <exception>}), kept after saving works again; or null. */
    public String lastProblem() {
        return lastProblem;
    }
}
