package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.scope;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.QuarantinedException;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.Releases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobState.quarantine.failuresPerDay}, against real state files: once an account's
 * activities failed that often on its day, none of them runs for the rest of that day; what it
 * completed still replays; an operator's release reaches the running engine within a second; the
 * next day, and every other account, are not concerned.
 */
@ExtendWith(CleanThreadContext.class)
class QuarantineTest {

    static class Bot {
        @Activity(type = "daily-set", id = "{0}")
        int task(String id) {
            return 0;
        }

        @Activity(type = "punch-card")
        int punch() {
            return 0;
        }

        @Activity(type = "daily-set", retries = 5, backoff = "1ms")
        int retried() {
            return 0;
        }
    }

    static class Scoped {
        void runFor(@Account String account) {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final int LIMIT = 3;

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();

    private ActivityEngine engine(int failuresPerDay) {
        return engine(failuresPerDay, store -> store);
    }

    private ActivityEngine engine(int failuresPerDay, UnaryOperator<StateStore> wrap) {
        JobStateConfig config = config(ZoneOffset.UTC, "default");
        return new ActivityEngine(failuresPerDay == 0 ? config : config.withQuarantine(failuresPerDay),
                wrap.apply(new FileStateStore(stateDir, clock, new PersistenceHealth())), clock);
    }

    /** A call by {@code account} of {@code method}, whose body is {@code body}. */
    private Object as(ActivityEngine engine, String account, String method, Callable<?> body, Object... args)
            throws Exception {
        int depth = engine.openScope(scope(Scoped.class, "runFor"), new Object[] {account});
        try {
            Object token = engine.enter(site(Bot.class, method), new Bot(), args);
            if (token instanceof Replay replay && replay.failure() != null) {
                throw (RuntimeException) replay.failure(); // as the agent's advice does
            }
            return EngineCalls.call(engine, token, runs, body);
        } finally {
            engine.closeScope(depth);
        }
    }

    private static Callable<Object> failing() {
        return () -> {
            throw new IllegalStateException("the site is down");
        };
    }

    /** {@code account} fails {@code times} tasks of its own, each once. */
    private void fail(ActivityEngine engine, String account, int times) {
        for (int i = 0; i < times; i++) {
            String id = "t" + runs.get();
            assertThrows(IllegalStateException.class, () -> as(engine, account, "task", failing(), id));
        }
    }

    /** Asserts the call is refused without its body running, and returns what it threw. */
    private QuarantinedException refused(ActivityEngine engine, String account, String method, Object... args) {
        int before = runs.get();
        QuarantinedException e = assertThrows(QuarantinedException.class,
                () -> as(engine, account, method, () -> 1, args));
        assertEquals(before, runs.get(), "the body did not run");
        return e;
    }

    private void later(Duration by) {
        clock.set(clock.instant().plus(by));
    }

    @Test
    void theNthFailurePutsTheAccountInQuarantineAndNoActivityOfItRunsAfter() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        fail(engine, "bad", LIMIT - 1);
        assertEquals(1, as(engine, "bad", "task", () -> 1, "fine"), "below the limit it still runs");
        fail(engine, "bad", 1);

        QuarantinedException e = refused(engine, "bad", "punch");
        assertEquals("bad", e.getAccount());
        assertEquals(LIMIT, e.getFailures());
        assertEquals(LIMIT, e.getFailuresPerDay());
        assertTrue(e.getMessage().contains("jobstate release --account bad"), e.getMessage());
        refused(engine, "bad", "task", "t0");
        refused(engine, "bad", "task", "new");
    }

    @Test
    void otherAccountsAreNotConcerned() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        fail(engine, "bad", LIMIT);

        assertEquals(1, as(engine, "good", "punch", () -> 1));
        fail(engine, "good", LIMIT - 1);
        assertEquals(2, as(engine, "good", "task", () -> 2, "x"));
        refused(engine, "bad", "punch");
    }

    @Test
    void whatTheAccountCompletedStillReplays() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        assertEquals(7, as(engine, "bad", "task", () -> 7, "done"));
        fail(engine, "bad", LIMIT);

        int before = runs.get();
        assertEquals(7, as(engine, "bad", "task", () -> -1, "done"));
        assertEquals(before, runs.get());
        refused(engine, "bad", "task", "not-done");
    }

    @Test
    void retriesStopWhenTheAccountGoesIntoQuarantine() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        fail(engine, "bad", 1);
        int before = runs.get();

        Object token = enterAs(engine, "bad", "retried");
        IllegalStateException thrown = null;
        do {
            runs.incrementAndGet();
            thrown = new IllegalStateException("attempt " + (runs.get() - before));
            engine.exit(token, null, thrown);
        } while (engine.again(token));

        assertEquals(LIMIT - 1, runs.get() - before, "two attempts, not six: the second is the third failure");
        assertEquals("attempt 2", thrown.getMessage(), "the caller sees its last failure");
        refused(engine, "bad", "retried");
    }

    private Object enterAs(ActivityEngine engine, String account, String method) {
        int depth = engine.openScope(scope(Scoped.class, "runFor"), new Object[] {account});
        try {
            return engine.enter(site(Bot.class, method), new Bot(), new Object[0]);
        } finally {
            engine.closeScope(depth);
        }
    }

    @Test
    void aReleaseReachesTheRunningEngineWithinASecond() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        fail(engine, "bad", LIMIT);
        refused(engine, "bad", "punch");

        assertEquals(LIMIT, new Releases(stateDir).release("bad", TODAY, clock.instant()));
        later(Duration.ofMillis(500));
        refused(engine, "bad", "punch");
        later(Duration.ofMillis(500));

        assertEquals(1, as(engine, "bad", "punch", () -> 1), "released: it runs again");
        fail(engine, "bad", LIMIT - 1);
        assertEquals(2, as(engine, "bad", "task", () -> 2, "fine"));
        fail(engine, "bad", 1);
        QuarantinedException again = refused(engine, "bad", "task", "next");
        assertEquals(LIMIT, again.getFailures(), "only the failures since the release count");
    }

    @Test
    void theNextDayStartsAfresh() throws Exception {
        ActivityEngine engine = engine(LIMIT);
        fail(engine, "bad", LIMIT);
        refused(engine, "bad", "punch");

        clock.set(Instant.parse("2025-09-21T00:00:00Z"));

        assertEquals(1, as(engine, "bad", "punch", () -> 1));
        assertEquals(2, as(engine, "bad", "task", () -> 2, "t0"));
    }

    @Test
    void theAccountsOwnDayCounts() throws Exception {
        JobStateConfig config = new JobStateConfig(true, Path.of("unused"), ZoneOffset.UTC, "default", "test", null,
                null, LocalTime.of(4, 0), List.of()).withQuarantine(LIMIT);
        clock.set(Instant.parse("2025-09-21T03:00:00Z")); // still the 20th's day, which starts at 04:00
        ActivityEngine engine = new ActivityEngine(config, new FileStateStore(stateDir, clock,
                new PersistenceHealth()), clock);
        fail(engine, "bad", LIMIT);
        refused(engine, "bad", "punch");
        assertEquals(LIMIT, new Releases(stateDir).failures("bad", TODAY).failures());

        clock.set(Instant.parse("2025-09-21T04:00:00Z"));

        assertEquals(1, as(engine, "bad", "punch", () -> 1));
    }

    @Test
    void offByDefault() throws Exception {
        ActivityEngine engine = engine(0);
        fail(engine, "bad", 20);

        assertEquals(1, as(engine, "bad", "punch", () -> 1));
    }

    @Test
    void aRestartSeesTheQuarantineFromTheFiles() throws Exception {
        fail(engine(LIMIT), "bad", 2);
        ActivityEngine second = engine(LIMIT);
        fail(second, "bad", 1);

        QuarantinedException e = refused(engine(LIMIT), "bad", "punch");
        assertEquals(LIMIT, e.getFailures());
    }

    @Test
    void aRestartAfterAReleaseRunsTheAccountAgain() throws Exception {
        fail(engine(LIMIT), "bad", LIMIT);
        new Releases(stateDir).release("bad", TODAY, NOW);

        assertEquals(1, as(engine(LIMIT), "bad", "punch", () -> 1));
    }

    @Test
    void aLowerLimitAfterARestartQuarantinesAtOnce() throws Exception {
        fail(engine(0), "bad", 2);

        refused(engine(2), "bad", "punch");
    }

    @Test
    void whenTheFailuresCannotBeCountedTheAccountRunsAsIfItHadNoneWithOneWarning() throws Exception {
        List<String> warnings = warningsOf(() -> {
            ActivityEngine engine = engine(LIMIT, store -> new Uncountable(store, new AtomicBoolean(true)));
            fail(engine, "uncountable", LIMIT + 2);
            later(Duration.ofSeconds(5));
            fail(engine, "uncountable", LIMIT);

            assertEquals(1, as(engine, "uncountable", "punch", () -> 1));
            return null;
        });
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cannot count the failures of uncountable"), warnings.get(0));
    }

    @Test
    void onceTheFailuresCanBeCountedAgainTheQuarantineHoldsWithinASecond() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        warningsOf(() -> {
            ActivityEngine engine = engine(LIMIT, store -> new Uncountable(store, broken));
            fail(engine, "flaky-count", LIMIT);
            broken.set(false);
            assertEquals(1, as(engine, "flaky-count", "punch", () -> 1), "not asked again within the second");
            later(Duration.ofSeconds(1));

            assertEquals(LIMIT, refused(engine, "flaky-count", "task", "next").getFailures());
            return null;
        });
    }

    /** What jobstate warned on {@code System.err} while {@code work} ran. */
    private static List<String> warningsOf(Callable<?> work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            work.call();
        } finally {
            System.setErr(original);
        }
        return Arrays.stream(err.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("[jobstate] WARN")).toList();
    }

    /** A store that keeps state but, while {@code broken}, cannot count an account's failures. */
    private record Uncountable(StateStore store, AtomicBoolean broken) implements StateStore {
        @Override
        public Completions read(DayKey key, long nowMillis) {
            return store.read(key, nowMillis);
        }

        @Override
        public Claim claim(DayKey key, String id) {
            return store.claim(key, id);
        }

        @Override
        public void checkpoint(DayKey key, Mutation change, Lease lease) throws IOException {
            store.checkpoint(key, change, lease);
        }

        @Override
        public void retainOnly(Set<LocalDate> dates) {
            store.retainOnly(dates);
        }

        @Override
        public AccountFailures failures(String account, LocalDate date) throws IOException {
            if (broken.get()) {
                throw new IOException("the disk is gone");
            }
            return store.failures(account, date);
        }
    }
}
