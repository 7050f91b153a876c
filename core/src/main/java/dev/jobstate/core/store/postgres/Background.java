package dev.jobstate.core.store.postgres;

import dev.jobstate.core.engine.ThreadContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The store's one thread of its own, made when first needed: lease renewals, the look for an
 * operator's changes, and the probe for a database that went away. A daemon: it never keeps the
 * host's JVM alive.
 */
final class Background implements AutoCloseable {

    private ScheduledExecutorService timer;

    synchronized ScheduledFuture<?> every(long millis, Runnable task) {
        return outsideAnyAccount(() -> timer().scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS));
    }

    synchronized void after(long millis, Runnable task) {
        outsideAnyAccount(() -> timer().schedule(task, millis, TimeUnit.MILLISECONDS));
    }

    /**
     * Work is scheduled from inside activities, on the host's threads. The agent hands an account
     * over with a task (and with a thread, when one is made), so the store's work would otherwise
     * count as that account's for as long as the store lives.
     */
    private static <T> T outsideAnyAccount(Supplier<T> schedule) {
        Object outside = ThreadContext.isolate();
        try {
            return schedule.get();
        } finally {
            ThreadContext.detach(outside);
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "jobstate-postgres");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
