package dev.jobstate.core.store.file;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Orders threads by what they are doing, not by sleeping: waits until a thread has finished or is
 * parked (WAITING, TIMED_WAITING or BLOCKED) somewhere in a given method. Test methods using it carry a
 * {@code @Timeout} so a wrong expectation fails rather than hangs.
 */
final class Parked {

    private Parked() {
    }

    /** True when {@code thread} is parked with {@code className.method} on its stack. */
    static boolean in(Thread thread, String className, String method) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING && state != Thread.State.BLOCKED) {
            return false;
        }
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                frame.getClassName().endsWith(className) && frame.getMethodName().equals(method));
    }

    /**
     * Waits until {@code thread} is queued behind a write in progress: parked on the day's condition
     * inside {@code DayFile.checkpoint}, not merely on its mutex on the way in.
     */
    static void awaitQueuedBehindWrite(Thread thread) {
        while (!(in(thread, "DayFile", "checkpoint") && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitUninterruptibly")))) {
            if (!thread.isAlive()) {
                throw new AssertionError(thread.getName() + " ended instead of queueing behind the write");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Waits until {@code thread} has ended, or is parked in a method of one of {@code classNames}
     * (a park elsewhere, such as a class-loading lock, is waited out); returns whether it ended.
     */
    static boolean awaitEndedOrParkedIn(Thread thread, String... classNames) {
        while (thread.isAlive()) {
            Thread.State state = thread.getState();
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED)
                    && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> Arrays.stream(classNames)
                            .anyMatch(name -> frame.getClassName().endsWith(name)))) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** Waits for {@code latch}, keeping an interrupt for afterwards (hooks run inside the store's I/O). */
    static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
