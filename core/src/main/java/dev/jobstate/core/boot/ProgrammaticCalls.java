package dev.jobstate.core.boot;

import dev.jobstate.ActivityCall;
import dev.jobstate.JobState;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.engine.ScopeSite;
import dev.jobstate.core.log.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code JobState.activity}: the protocol the agent's advice follows around an annotated method's
 * body ({@code enter}, the body unless skipped, {@code exit}, again while a failure is retried),
 * followed here around a body given in code. Found by the api reflectively, so a bot compiles
 * against the api alone.
 */
public final class ProgrammaticCalls {

    /** What makes two calls one site: their policy, and where their stored class names resolve. */
    private record Shape(String type, boolean once, int maxAttempts, int retries, String backoff,
                         List<Class<?>> retryOn, boolean returnsNothing) {
    }

    // Per class of body: a lambda's class is its call site, so this is one small map per call site
    // in the code, and it goes when that code's loader goes.
    private static final ClassValue<Map<Shape, ActivitySite>> SITES = new ClassValue<>() {
        @Override
        protected Map<Shape, ActivitySite> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ProgrammaticCalls() {
    }

    /**
     * @param returnsNothing whether the body stands for a method returning void
     * @return what the body returned, or what it returned the day it completed
     * @throws Exception what the body threw, or why jobstate refuses to run it
     */
    public static Object call(ActivityCall call, JobState.Body<?, ?> body, boolean returnsNothing) throws Exception {
        ActivityEngine engine = JobStateRuntime.engine();
        if (engine == null) {
            engine = JobStateRuntime.start();
        }
        if (engine == null) {
            return body.call();
        }
        String account = call.account();
        int depth = account == null ? -1 : engine.openScope(ScopeSite.GIVEN, new Object[] {account});
        try {
            return tracked(engine, site(call, body, returnsNothing), call, body);
        } finally {
            if (depth >= 0) {
                engine.closeScope(depth);
            }
        }
    }

    private static Object tracked(ActivityEngine engine, ActivitySite site, ActivityCall call,
                                  JobState.Body<?, ?> body) throws Exception {
        Object token;
        try {
            token = engine.enter(site, call.account(), call.id());
        } catch (RuntimeException | Error e) {
            Log.errorOnce(site.name(), "jobstate failed on " + site.name() + "; it runs untracked.", e);
            token = null;
        }
        if (token == null) {
            return body.call();
        }
        if (token instanceof Replay replay) {
            if (replay.failure() != null) {
                throw sneaky(replay.failure());
            }
            return engine.exit(token, null, null);
        }
        while (true) {
            Object returned = null;
            Throwable thrown = null;
            try {
                returned = body.call();
            } catch (Exception | Error e) {
                thrown = e;
            }
            Object result = exit(engine, token, returned, thrown);
            thrown = engine.thrown(token, thrown);
            if (!again(engine, token)) {
                if (thrown != null) {
                    throw sneaky(thrown);
                }
                return result;
            }
        }
    }

    private static Object exit(ActivityEngine engine, Object token, Object returned, Throwable thrown) {
        try {
            return engine.exit(token, returned, thrown);
        } catch (RuntimeException | Error e) {
            Log.errorOnce(ProgrammaticCalls.class, "jobstate failed after an activity; it is not saved.", e);
            return returned;
        }
    }

    private static boolean again(ActivityEngine engine, Object token) {
        try {
            return engine.again(token);
        } catch (RuntimeException | Error e) {
            Log.errorOnce(ProgrammaticCalls.class.getName() + "#again", "jobstate failed deciding on a retry; the"
                    + " call is not retried.", e);
            return false;
        }
    }

    private static ActivitySite site(ActivityCall call, JobState.Body<?, ?> body, boolean returnsNothing) {
        Shape shape = new Shape(call.type(), call.isOnce(), call.maxAttempts(), call.retries(), call.backoff(),
                List.copyOf(call.retryOn()), returnsNothing);
        return SITES.get(body.getClass()).computeIfAbsent(shape, s -> ActivitySite.ofCode(s.type(), s.maxAttempts(),
                s.retries(), s.backoff(), s.retryOn(), s.once(), s.returnsNothing(), body.getClass().getClassLoader()));
    }

    /** The body's own exception, checked or not, rethrown unchanged. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
