package dev.jobstate.core.engine;

import dev.jobstate.core.config.JobStateConfig;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls activities through an engine the way the agent's advice does: {@code enter} before the
 * body, the body only when {@code enter} did not hand back a {@link Replay}, then {@code exit}.
 */
final class EngineCalls {

    private EngineCalls() {
    }

    /** The site of the one method named {@code name} declared by {@code owner}, as the agent finds it. */
    static ActivitySite site(Class<?> owner, String name) {
        return Sites.activity(owner, Sites.key(method(owner, name)));
    }

    static ScopeSite scope(Class<?> owner, String name) {
        return Sites.scope(owner, Sites.key(method(owner, name)));
    }

    static Method method(Class<?> owner, String name) {
        Method[] found = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .toArray(Method[]::new);
        if (found.length != 1) {
            throw new IllegalArgumentException(owner.getName() + " declares " + found.length + " methods " + name);
        }
        return found[0];
    }

    static JobStateConfig config(ZoneId zone, String defaultAccount) {
        return new JobStateConfig(true, Path.of("unused"), zone, defaultAccount, "test");
    }

    static JobStateConfig config() {
        return config(ZoneOffset.UTC, JobStateConfig.DEFAULT_ACCOUNT);
    }

    /** One call of an activity whose body is {@code body}; counts in {@code runs} when the body runs. */
    static Object call(ActivityEngine engine, ActivitySite site, Object self, Object[] args,
                       AtomicInteger runs, Callable<?> body) throws Exception {
        return call(engine, engine.enter(site, self, args), runs, body);
    }

    /**
     * One call as the agent's advice makes it, all of it: {@code enter}; a {@link Replay} is
     * returned, or thrown when it carries a failure; else the body runs, {@code exit} gets how it
     * ended, and the body runs again while {@code again} says so, with the same token.
     */
    static Object callAsAdvice(ActivityEngine engine, ActivitySite site, Object self, AtomicInteger runs,
                               Callable<?> body) throws Exception {
        Object token = engine.enter(site, self, new Object[0]);
        if (token instanceof Replay replay) {
            Object value = engine.exit(token, null, null);
            if (replay.failure() instanceof Error error) {
                throw error;
            }
            if (replay.failure() != null) {
                throw (RuntimeException) replay.failure();
            }
            return value;
        }
        while (true) {
            Object returned = null;
            Throwable thrown = null;
            try {
                runs.incrementAndGet();
                returned = body.call();
            } catch (Exception | Error e) {
                thrown = e;
            }
            returned = engine.exit(token, returned, thrown);
            thrown = engine.thrown(token, thrown);
            if (!engine.again(token)) {
                if (thrown instanceof Error error) {
                    throw error;
                }
                if (thrown != null) {
                    throw (Exception) thrown;
                }
                return returned;
            }
        }
    }

    /** The rest of a call {@code engine.enter} handed back {@code token} for. */
    static Object call(ActivityEngine engine, Object token, AtomicInteger runs, Callable<?> body) throws Exception {
        if (token instanceof Replay) {
            return engine.exit(token, null, null);
        }
        Object returned;
        try {
            runs.incrementAndGet();
            returned = body.call();
        } catch (Exception e) {
            engine.exit(token, null, e);
            throw e;
        }
        return engine.exit(token, returned, null);
    }

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        MovableClock(Instant now) {
            this(now, ZoneOffset.UTC);
        }

        private MovableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new MovableClock(now, other);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
