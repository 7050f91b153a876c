package dev.jobstate.core.store;

import java.util.function.Supplier;

/**
 * How a store runs its own work (a pool it opens, a timer it schedules) outside the account and
 * activity of the thread that happens to call it. That context is the engine's, a room above the
 * stores: the engine says here how to step out of it, so no store needs to know the engine. Until
 * an engine says so there is no context to step out of, and work runs as it is.
 */
public final class OwnWork {

    /** Steps the calling thread out of its context, and back in with the token it gave. */
    public interface Isolation {
        Object isolate();

        void detach(Object token);
    }

    private static final Isolation NONE = new Isolation() {
        @Override
        public Object isolate() {
            return null;
        }

        @Override
        public void detach(Object token) {
        }
    };

    private static volatile Isolation isolation = NONE;

    private OwnWork() {
    }

    /** Called by the engine that owns the threads' context. */
    public static void isolateWith(Isolation how) {
        isolation = how;
    }

    /** Runs {@code work} on this thread as if it were inside no account and no activity. */
    public static <T> T outsideAnyAccount(Supplier<T> work) {
        Isolation how = isolation;
        Object token = how.isolate();
        try {
            return work.get();
        } finally {
            how.detach(token);
        }
    }
}
