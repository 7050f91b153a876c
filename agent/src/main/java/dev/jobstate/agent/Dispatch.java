package dev.jobstate.agent;

import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.engine.ScopeSite;
import dev.jobstate.core.engine.Sites;
import dev.jobstate.core.log.Log;

/**
 * The one door from instrumented host code into jobstate. Public and static because inlined advice
 * calls it from inside the host's classes. Every method here catches everything: the host must
 * never see an exception of ours.
 */
public final class Dispatch {

    private static volatile Runnable beforeFirstScope;

    private Dispatch() {
    }

    /**
     * @param firstScope run once, before the first scope opens, by the thread opening it; every other
     *     thread opening one meanwhile waits for it, so that no work one hands over goes unfollowed
     */
    static void beforeFirstScope(Runnable firstScope) {
        beforeFirstScope = firstScope;
    }

    public static Object enter(Class<?> owner, String method, Object self, Object[] args) {
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null) {
            return null;
        }
        try {
            return current.enter(Sites.activity(owner, method), self, args);
        } catch (Throwable t) {
            Log.errorOnce(owner.getName() + "." + method, "jobstate failed on " + owner.getName() + "."
                    + method + "; it runs untracked.", t);
            return null;
        }
    }

    public static Object exit(Object token, Object returned, Throwable thrown) {
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null || token == null) {
            return returned;
        }
        try {
            return current.exit(token, returned, thrown);
        } catch (Throwable t) {
            Log.errorOnce(Dispatch.class, "jobstate failed after an activity; it is not saved.", t);
            return returned;
        }
    }

    /**
     * What the call throws: the method's own exception, ours when jobstate refused to run it, or a
     * test harness's kill.
     */
    public static Throwable thrown(Object token, Throwable thrown) {
        if (token instanceof Replay replay) { // the skip path: no need to ask the engine
            return replay.failure() != null ? replay.failure() : thrown;
        }
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null || token == null) {
            return thrown;
        }
        try {
            return current.thrown(token, thrown);
        } catch (Throwable t) {
            Log.errorOnce(Dispatch.class.getName() + "#thrown", "jobstate failed after an activity.", t);
            return thrown;
        }
    }

    /** Whether the method runs again: a failed attempt its {@code @Activity(retries)} retries. */
    public static boolean again(Object token) {
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null || token == null) {
            return false;
        }
        try {
            return current.again(token);
        } catch (Throwable t) {
            Log.errorOnce(Dispatch.class.getName() + "#again", "jobstate failed deciding on a retry; the call"
                    + " is not retried.", t);
            return false;
        }
    }

    public static int openScope(Class<?> owner, String method, Object[] args) {
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null) {
            return -1;
        }
        if (beforeFirstScope != null) {
            firstScopeOpens();
        }
        try {
            ScopeSite site = Sites.scope(owner, method);
            return site == null ? -1 : current.openScope(site, args);
        } catch (Throwable t) {
            Log.errorOnce(owner.getName() + "." + method + "#scope", "jobstate failed reading the @Account of "
                    + owner.getName() + "." + method + "; activities under it use the next account rule.", t);
            return -1;
        }
    }

    private static synchronized void firstScopeOpens() {
        Runnable once = beforeFirstScope;
        if (once != null) {
            try {
                once.run();
            } catch (Throwable t) {
                Log.errorOnce(Dispatch.class.getName() + "#first", "jobstate failed preparing for its first account"
                        + " scope; work handed to other threads may run untracked.", t);
            } finally {
                beforeFirstScope = null;
            }
        }
    }

    public static void closeScope(int depth) {
        ActivityEngine current = JobStateRuntime.engine();
        if (current == null || depth < 0) {
            return;
        }
        try {
            current.closeScope(depth);
        } catch (Throwable t) {
            Log.errorOnce(Dispatch.class.getName() + "#close", "jobstate failed closing an account scope.", t);
        }
    }
}
