package dev.jobstate.junit;

import dev.jobstate.core.engine.CallWatch;
import dev.jobstate.core.telemetry.ActivityOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes down each call of a run, and kills the run at the activity the test asked for. */
final class RunRecorder implements CallWatch {

    /** Where in the Nth activity that runs its body the kill comes, if any. */
    record KillPoint(int nth, boolean afterBody) {
    }

    private final List<Call> calls = new ArrayList<>(); // guarded by itself
    private final AtomicInteger bodies = new AtomicInteger();
    private final KillPoint killPoint;
    private final KillableStore store;

    RunRecorder(KillPoint killPoint, KillableStore store) {
        this.killPoint = killPoint;
        this.store = store;
    }

    @Override
    public void decided(String account, String type, String id, ActivityOutcome outcome, Object value) {
        add(new Call(account, type, id, of(outcome), value, null));
    }

    @Override
    public Error beforeBody(String account, String type, String id) {
        int nth = bodies.incrementAndGet();
        if (killPoint != null && !killPoint.afterBody() && killPoint.nth() == nth) {
            add(new Call(account, type, id, Call.Outcome.KILLED, null, null));
            return kill("before the body of activity " + nth + ", " + type + "/" + id + " of " + account);
        }
        return null;
    }

    @Override
    public Error afterBody(String account, String type, String id, Object returned, Throwable thrown) {
        add(new Call(account, type, id, Call.Outcome.RAN, returned, thrown));
        if (killPoint != null && killPoint.afterBody() && killPoint.nth() == bodies.get()) {
            return kill("after the body of activity " + bodies.get() + ", " + type + "/" + id + " of " + account
                    + ", before its outcome was saved");
        }
        return null;
    }

    private Error kill(String where) {
        store.kill();
        return new SimulatedKill("jobstate-junit killed the run " + where);
    }

    private void add(Call call) {
        synchronized (calls) {
            calls.add(call);
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private static Call.Outcome of(ActivityOutcome outcome) {
        return switch (outcome) {
            case SKIPPED -> Call.Outcome.SKIPPED;
            case SHARED -> Call.Outcome.SHARED;
            case GIVEN_UP -> Call.Outcome.GAVE_UP;
            case QUARANTINED -> Call.Outcome.QUARANTINED;
            case IN_DOUBT -> Call.Outcome.IN_DOUBT;
            default -> Call.Outcome.UNTRACKED;
        };
    }
}
