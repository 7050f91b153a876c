package dev.jobstate.agent;

import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.ScopeSite;
import dev.jobstate.core.engine.Sites;
import dev.jobstate.core.log.Log;

/**
 * The one door from instrumented host code into jobstate. Public and static because inlined advice
 * calls it from inside the host's classes. Every method here catches everything: the host must
 * never see an exception of ours.
 */
public final class Dispatch {

    private static volatile ActivityEngine engine;

    private Dispatch() {
    }

    static void install(ActivityEngine activityEngine) {
        engine = activityEngine;
    }

    public static Object enter(Class<?> owner, String method, Object self, Object[] args) {
        ActivityEngine current = engine;
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
        ActivityEngine current = engine;
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

    public static int openScope(Class<?> owner, String method, Object[] args) {
        ActivityEngine current = engine;
        if (current == null) {
            return -1;
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

    public static void closeScope(int depth) {
        ActivityEngine current = engine;
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
