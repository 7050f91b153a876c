package dev.jobstate.core.store.postgres;

import dev.jobstate.core.store.OwnWork;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The store's one thread of its own, made when first needed: lease renewals, the look for an
 * operator's changes, and the probe for a database that went away. A daemon: it never keeps the
 * host's JVM alive.
 */
final class Background implements AutoCloseable {

    private ScheduledExecutorService timer;

    synchronized ScheduledFuture<?> every(long millis, Runnable task) {
        // Scheduled from inside activities, on the host's threads: the timer thread would otherwise
        // carry that account for as long as the store lives.
        return OwnWork.outsideAnyAccount(() -> timer().scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS));
    }

    synchronized void after(long millis, Runnable task) {
        OwnWork.outsideAnyAccount(() -> timer().schedule(task, millis, TimeUnit.MILLISECONDS));
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
