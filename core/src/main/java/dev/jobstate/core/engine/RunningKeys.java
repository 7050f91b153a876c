package dev.jobstate.core.engine;

import dev.jobstate.core.model.DayKey;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The activity keys running in this JVM, so that a key runs once at a time: a call of a key another
 * thread is running waits for its outcome; a call that re-enters a key its own thread is running
 * runs inside the outer call, untracked. Only calls that run pass through here, never skips.
 */
final class RunningKeys {

    record Key(DayKey day, String id) {

        // Written out: the record's own are bootstrapped through method handles at their first
        // call, milliseconds of the bot's first activity.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(day, key.day) && Objects.equals(id, key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(day) * 31 + Objects.hashCode(id);
        }
    }

    /** One running call of a key, held from its claim until its outcome is recorded. */
    static final class Slot {
        private final Thread owner = Thread.currentThread();
        private final CountDownLatch returnedOrEnded = new CountDownLatch(1);
        /** Set when a call that returns a future has returned it: its outcome is now pending. */
        private volatile CompletableFuture<Object> pending;
        /** The run holding the key, once claimed. */
        private volatile Run run;

        /**
         * Whether the calling thread is inside this call's body (not merely waiting for its future),
         * itself or through work the body handed to it: waiting for the outcome would wait for itself.
         */
        boolean isHeldByCaller(Run callersRun) {
            if (owner == Thread.currentThread() && pending == null) {
                return true;
            }
            Run holding = run;
            for (Run ancestor = callersRun; holding != null && ancestor != null; ancestor = ancestor.parent) {
                if (ancestor == holding) {
                    return true;
                }
            }
            return false;
        }

        void heldBy(Run holding) {
            run = holding;
        }

        void pending(CompletableFuture<Object> future) {
            pending = future;
            returnedOrEnded.countDown();
        }

        /** The future of a call that already returned it, for another caller to share; else null. */
        CompletableFuture<Object> pendingFuture() {
            return pending;
        }

        /**
         * Waits until this call's outcome is recorded (or it ended without one), or until it returned
         * its future: a thread never blocks on a future another call returned.
         */
        void awaitReturnOrEnd() throws InterruptedException {
            returnedOrEnded.await();
        }
    }

    private final ConcurrentHashMap<Key, Slot> running = new ConcurrentHashMap<>();

    /**
     * Takes {@code key} for the calling thread, or returns null when another call holds it: then
     * {@link #holder} says who.
     */
    Slot take(Key key) {
        Slot mine = new Slot();
        return running.putIfAbsent(key, mine) == null ? mine : null;
    }

    /** The call holding {@code key}, or null if none does any more. */
    Slot holder(Key key) {
        return running.get(key);
    }

    void release(Key key, Slot slot) {
        running.remove(key, slot);
        slot.returnedOrEnded.countDown();
    }
}
