package dev.jobstate.core.engine;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.Lease;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tracked call that is running: what to checkpoint when it ends, the activity it runs inside,
 * and which of its own child activities failed inside it (a parent that caught a child's failure
 * did not do its work).
 */
final class Run {

    /** A child activity's failure, as its parent reports it. */
    record FailedChild(String type, String id, String exception, String message) {
    }

    final ActivitySite site;
    final DayKey key;
    final String id;
    volatile Lease lease; // a retry claims the activity anew
    long startNanos; // of the current attempt
    int attempt = 1; // of this call: a retry is the second
    private boolean again; // set when the call's method is to run again, read once by instrumentation
    final RunningKeys.Key running;
    final RunningKeys.Slot slot;
    /**
     * The activity this one runs inside: this thread's running activity when it started, which may be
     * one on the thread that handed the work over. It is this thread's running activity again when
     * this one's method returns.
     */
    final Run parent;
    /** The call's Flight Recorder event, begun when it entered; null while none is recorded. */
    final Object event;
    private Map<String, FailedChild> failedChildren; // guarded by this; null while none failed

    Run(ActivitySite site, RunningKeys.Key running, RunningKeys.Slot slot, Lease lease, Run parent, Object event) {
        this.site = site;
        this.event = event;
        this.key = running.day();
        this.id = running.id();
        this.running = running;
        this.slot = slot;
        this.lease = lease;
        this.parent = parent;
        this.startNanos = System.nanoTime();
    }

    /** The next attempt of this call starts now, holding {@code renewed}; its children start afresh. */
    synchronized void retry(Lease renewed) {
        lease = renewed;
        attempt++;
        startNanos = System.nanoTime();
        failedChildren = null;
        again = true;
    }

    /** Whether the method is to run again, once: instrumentation asks right after the exit. */
    synchronized boolean takeAgain() {
        boolean was = again;
        again = false;
        return was;
    }

    /** Whether {@code child} is one of this run's own children: the same account's work. */
    boolean owns(Run child) {
        return child.key.account().equals(key.account());
    }

    synchronized void childFailed(Run child, String exception, String message) {
        if (failedChildren == null) {
            failedChildren = new LinkedHashMap<>();
        }
        failedChildren.put(child.key.type() + "/" + child.id,
                new FailedChild(child.key.type(), child.id, exception, message));
    }

    /** A child that failed earlier inside this run and then completed no longer counts against it. */
    synchronized void childCompleted(Run child) {
        if (failedChildren != null) {
            failedChildren.remove(child.key.type() + "/" + child.id);
        }
    }

    /** The first child that failed inside this run and never completed after, or null. */
    synchronized FailedChild failedChild() {
        return failedChildren == null || failedChildren.isEmpty() ? null : failedChildren.values().iterator().next();
    }
}
