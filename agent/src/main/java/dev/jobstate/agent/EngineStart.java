package dev.jobstate.agent;

import dev.jobstate.core.boot.JobStateRuntime;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Starts jobstate (its settings, store and engine) on a thread of its own, so that the thread
 * loading the first annotated class can weave it and prepare the first call meanwhile: the two
 * need nothing of each other, and each loads and initialises a few hundred classes, so on a machine
 * with a core to spare the first activity is ready sooner.
 */
final class EngineStart {

    private static volatile Thread startThread;

    private final FutureTask<Boolean> on;

    private EngineStart(Callable<Boolean> start) {
        this.on = new FutureTask<>(start);
    }

    static EngineStart begin() {
        return begin(JobStateRuntime::isOn);
    }

    static EngineStart begin(Callable<Boolean> isOn) {
        EngineStart start = new EngineStart(isOn);
        try {
            Thread thread = new Thread(start.on, "jobstate-start");
            thread.setDaemon(true); // a host that exits at once is not kept waiting for us
            startThread = thread;
            thread.start();
        } catch (Throwable cannotStartThread) {
            start.on.run(); // here, then: the same start, only not side by side
        }
        return start;
    }

    /**
     * Whether this is the thread starting jobstate. A class it loads is not woven: the thread that
     * will weave it is waiting for this one (the same as when both ran on one thread, where the
     * start was already under way and the class went by untouched).
     */
    static boolean onStartThread() {
        return Thread.currentThread() == startThread;
    }

    /** Whether the start is over, with or without jobstate on. */
    boolean isDone() {
        return on.isDone();
    }

    /** Waits for the start: whether jobstate is on for this JVM. */
    boolean isOn() throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return on.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the host's to act on, after its class has loaded
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
