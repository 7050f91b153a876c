package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.callAsAdvice;
import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.Activity;
import dev.jobstate.GaveUpException;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Activity(maxAttempts, retries, backoff, retryOn)} against real state files: a capped
 * activity that used up its failed attempts today throws {@link GaveUpException} without running
 * until the next day or an unmark; a retried one runs again within the call, every attempt
 * recorded and counted towards the cap.
 */
@ExtendWith(CleanThreadContext.class)
class AttemptsEngineTest {

    static class Bot {
        @Activity(type = "daily-set", maxAttempts = 3)
        void capped() {
        }

        @Activity(type = "daily-set", maxAttempts = 0)
        void uncapped() {
        }

        @Activity(type = "daily-set", maxAttempts = 1)
        int points() {
            return 1;
        }

        @Activity(type = "daily-set", retries = 2, backoff = "1ms")
        String retried() {
            return null;
        }

        @Activity(type = "daily-set", maxAttempts = 2, retries = 5, backoff = "1ms")
        void retriedAndCapped() {
        }

        @Activity(type = "daily-set", retries = 2, backoff = "1ms", retryOn = IOException.class)
        void onlyOnIo() {
        }

        @Activity(type = "daily-set", retries = 2, backoff = "10s")
        void slowRetry() {
        }

        @Activity(type = "daily-set", retries = 1, backoff = "soon")
        void badBackoff() {
        }

        @Activity(type = "daily-set", maxAttempts = -1)
        void negativeCap() {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final String ACCOUNT = "user@email.com";
    private static final DayKey TODAY = new DayKey(ACCOUNT, "daily-set", LocalDate.parse("2025-09-20"));

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();

    private ActivityEngine newRun() {
        return new ActivityEngine(config(ZoneOffset.UTC, ACCOUNT),
                new FileStateStore(stateDir, clock, new PersistenceHealth()), clock);
    }

    private Object call(ActivityEngine engine, String method, Callable<?> body) throws Exception {
        return callAsAdvice(engine, site(Bot.class, method), new Bot(), runs, body);
    }

    /** A body that throws {@code IOException("timeout n")} on its n-th run. */
    private Callable<Object> timesOut() {
        return () -> {
            throw new IOException("timeout " + runs.get());
        };
    }

    private JsonNode day(LocalDate date) throws Exception {
        return new ObjectMapper().readTree(stateDir.resolve(ACCOUNT + "/daily-set-" + date + ".json").toFile());
    }

    private JsonNode day() throws Exception {
        return day(TODAY.date());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.textValue()));
        return texts;
    }

    // --- maxAttempts -----------------------------------------------------------------------------

    @Test
    void onceTheCapIsReachedACallThrowsGaveUpWithTheLastFailureAndDoesNotRun() throws Exception {
        ActivityEngine engine = newRun();
        for (int i = 1; i <= 3; i++) {
            IOException own = assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));
            assertEquals("timeout " + i, own.getMessage(), "an attempt under the cap throws its own exception");
        }

        GaveUpException refused = assertThrows(GaveUpException.class, () -> call(engine, "capped", () -> null));

        assertEquals(3, runs.get(), "the refused call did not run");
        assertEquals(ACCOUNT, refused.getAccount());
        assertEquals("daily-set", refused.getType());
        assertEquals("capped", refused.getId());
        assertEquals(3, refused.getAttempts());
        assertEquals("java.io.IOException", refused.getLastFailureClass());
        assertEquals("timeout 3", refused.getLastFailureMessage());
        assertTrue(refused.getMessage().contains("failed 3 times today for " + ACCOUNT), refused.getMessage());
        assertEquals(3, day().at("/failures/capped/attempts").intValue());
        assertEquals(3, day().at("/failures/capped/maxAttempts").intValue());
        assertEquals(List.of("capped"), texts(day().get("remaining")));
    }

    @Test
    void aRefusedCallOfAPrimitiveMethodHandsOverItsZeroValueWithTheException() throws Exception {
        ActivityEngine engine = newRun();
        assertThrows(IOException.class, () -> call(engine, "points", timesOut()));

        Replay refused = assertInstanceOf(Replay.class, engine.enter(site(Bot.class, "points"), new Bot(),
                new Object[0]));

        assertInstanceOf(GaveUpException.class, refused.failure());
        assertEquals(0, engine.exit(refused, null, null), "the advice assigns it to an int before it throws");
    }

    @Test
    void aRestartedBotGivesUpToo() throws Exception {
        ActivityEngine first = newRun();
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> call(first, "capped", timesOut()));
        }

        assertThrows(GaveUpException.class, () -> call(newRun(), "capped", () -> null));
        assertEquals(3, runs.get());
    }

    @Test
    void aCapOfZeroMeansNoCap() throws Exception {
        ActivityEngine engine = newRun();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> call(engine, "uncapped", timesOut()));
        }

        call(engine, "uncapped", () -> null);

        assertEquals(6, runs.get());
        assertEquals(List.of("uncapped"), texts(day().get("completed")));
        assertEquals(5, day().at("/failures/uncapped/attempts").intValue());
        assertTrue(day().at("/failures/uncapped/maxAttempts").isMissingNode(), "no cap is not written");
    }

    @Test
    void theNextDayStartsAfresh() throws Exception {
        ActivityEngine engine = newRun();
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));
        }
        assertThrows(GaveUpException.class, () -> call(engine, "capped", () -> null));

        clock.set(NOW.plus(1, ChronoUnit.DAYS));
        call(engine, "capped", () -> null);

        assertEquals(4, runs.get());
        assertEquals(List.of("capped"), texts(day(TODAY.date().plusDays(1)).get("completed")));
    }

    @Test
    void anUnmarkGivesTheAttemptsBackToARunningBot() throws Exception {
        ActivityEngine engine = newRun();
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));
        }
        assertThrows(GaveUpException.class, () -> call(engine, "capped", () -> null));

        clock.set(NOW.plusSeconds(5));
        // What jobstate unmark does to a file: another store on the same folder checkpoints it.
        new FileStateStore(stateDir, clock, new PersistenceHealth())
                .checkpoint(TODAY, new Mutation.Unmarked("capped", clock.instant()));
        assertTrue(day().at("/failures/capped").isMissingNode(), "the unmark forgot the failures");
        clock.set(NOW.plusSeconds(10));

        IOException again = assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));

        assertEquals("timeout 4", again.getMessage(), "it ran again");
        assertEquals(1, day().at("/failures/capped/attempts").intValue(), "counting starts afresh");
        assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));
        assertThrows(IOException.class, () -> call(engine, "capped", timesOut()));
        assertThrows(GaveUpException.class, () -> call(engine, "capped", () -> null));
        assertEquals(6, runs.get());
    }

    // --- retries ---------------------------------------------------------------------------------

    @Test
    void aFailedCallRunsAgainUpToRetriesTimesAndItsSuccessIsTheCallsResult() throws Exception {
        ActivityEngine engine = newRun();

        Object returned = call(engine, "retried", () -> {
            if (runs.get() < 3) {
                throw new IOException("flaky " + runs.get());
            }
            return "ok";
        });

        assertEquals("ok", returned);
        assertEquals(3, runs.get(), "the first run and two retries");
        assertEquals(List.of("retried"), texts(day().get("completed")));
        assertEquals(2, day().at("/failures/retried/attempts").intValue(), "each failed attempt is recorded");
        assertEquals("flaky 2", day().at("/failures/retried/message").textValue());
        assertEquals("ok", call(newRun(), "retried", () -> "again"), "a restart replays it");
        assertEquals(3, runs.get());
    }

    @Test
    void aCallWhoseRetriesAllFailThrowsItsLastException() throws Exception {
        ActivityEngine engine = newRun();

        IOException thrown = assertThrows(IOException.class, () -> call(engine, "retried", timesOut()));

        assertEquals("timeout 3", thrown.getMessage());
        assertEquals(3, runs.get());
        assertEquals(3, day().at("/failures/retried/attempts").intValue());
        assertEquals(List.of("retried"), texts(day().get("remaining")));
        assertFalse(engine.again(new Object()), "nothing else runs again");
    }

    @Test
    void retriesStopOnceMaxAttemptsIsReached() throws Exception {
        ActivityEngine engine = newRun();

        IOException thrown = assertThrows(IOException.class, () -> call(engine, "retriedAndCapped", timesOut()));

        assertEquals("timeout 2", thrown.getMessage(), "the last attempt's own exception");
        assertEquals(2, runs.get(), "maxAttempts 2 ends retries 5 after the second attempt");
        assertEquals(2, day().at("/failures/retriedAndCapped/attempts").intValue());
        assertThrows(GaveUpException.class, () -> call(engine, "retriedAndCapped", () -> null));
        assertEquals(2, runs.get());
    }

    @Test
    void aFailureEarlierTodayLeavesFewerAttemptsToRetry() throws Exception {
        ActivityEngine engine = newRun();
        runs.set(10);
        new FileStateStore(stateDir, clock, new PersistenceHealth()).checkpoint(TODAY,
                new Mutation.Failed("retriedAndCapped", NOW, "java.io.IOException", "earlier", 1, 2));

        assertThrows(IOException.class, () -> call(engine, "retriedAndCapped", timesOut()));

        assertEquals(11, runs.get(), "one attempt was left");
        assertThrows(GaveUpException.class, () -> call(engine, "retriedAndCapped", () -> null));
    }

    @Test
    void errorsAreNeverRetried() throws Exception {
        ActivityEngine engine = newRun();

        AssertionError thrown = assertThrows(AssertionError.class, () -> call(engine, "retried", () -> {
            throw new AssertionError("broken");
        }));

        assertEquals("broken", thrown.getMessage());
        assertEquals(1, runs.get());
        assertEquals(1, day().at("/failures/retried/attempts").intValue());
        assertEquals("java.lang.AssertionError", day().at("/failures/retried/exception").textValue());
    }

    @Test
    void retryOnRetriesOnlyThoseExceptionsAndTheirSubclasses() throws Exception {
        ActivityEngine engine = newRun();

        assertThrows(IllegalArgumentException.class, () -> call(engine, "onlyOnIo", () -> {
            throw new IllegalArgumentException("bad input");
        }));
        assertEquals(1, runs.getAndSet(0), "not an IOException: not retried");

        assertThrows(FileNotFoundException.class, () -> call(engine, "onlyOnIo", () -> {
            throw new FileNotFoundException("gone");
        }));
        assertEquals(3, runs.get(), "an IOException's subclass is retried");
        assertEquals(4, day().at("/failures/onlyOnIo/attempts").intValue());
    }

    @Test
    void anInterruptDuringTheWaitStopsRetryingAndKeepsTheInterruptFlag() throws Exception {
        ActivityEngine engine = newRun();
        CountDownLatch failedOnce = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread bot = new Thread(() -> {
            try {
                call(engine, "slowRetry", () -> {
                    failedOnce.countDown();
                    throw new IOException("down");
                });
            } catch (Exception e) {
                thrown.set(e);
            } finally {
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        long started = System.nanoTime();
        bot.start();
        assertTrue(failedOnce.await(10, TimeUnit.SECONDS));
        // It waits 5 to 10 seconds before its first retry; the interrupt comes during that wait
        // (one during the checkpoint would be the file store's to handle, not the retry's).
        while (!waitingToRetry(bot)) {
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "it never waited");
            Thread.sleep(1);
        }
        bot.interrupt();
        bot.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(bot.isAlive());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the wait ended at the interrupt");
        assertEquals(1, runs.get(), "no retry after the interrupt");
        assertInstanceOf(IOException.class, thrown.get(), "the call throws its own exception");
        assertEquals("down", thrown.get().getMessage());
        assertTrue(interrupted.get(), "the thread keeps its interrupt flag");
        assertEquals(1, day().at("/failures/slowRetry/attempts").intValue());
        assertEquals(List.of("slowRetry"), texts(day().get("remaining")));
    }

    private static boolean waitingToRetry(Thread bot) {
        for (StackTraceElement frame : bot.getStackTrace()) {
            if (frame.getClassName().equals(ActivityEngine.class.getName()) && frame.getMethodName().equals("waited")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theKeyIsFreeAgainAfterARetriedCallEnds() throws Exception {
        ActivityEngine engine = newRun();
        assertThrows(IOException.class, () -> call(engine, "retried", timesOut()));

        assertEquals("ok", call(engine, "retried", () -> "ok"), "a later call runs, not waits");
        assertEquals(4, runs.get());
    }

    // --- backoff ---------------------------------------------------------------------------------

    @Test
    void aSiteWithABadBackoffRunsUntrackedSayingWhy() throws Exception {
        ActivitySite site = site(Bot.class, "badBackoff");

        assertNotNull(site.problem());
        assertTrue(site.problem().contains(Bot.class.getName() + ".badBackoff()"), site.problem());
        assertTrue(site.problem().contains("its backoff \"soon\" is not a duration such as \"500ms\", \"2s\","
                + " \"1m\" or \"PT2S\""), site.problem());
        assertNull(newRun().enter(site, new Bot(), new Object[0]), "untracked");
        assertFalse(Files.exists(stateDir.resolve(ACCOUNT)));
    }

    @Test
    void aNegativeCapIsAProblem() {
        String problem = site(Bot.class, "negativeCap").problem();

        assertNotNull(problem);
        assertTrue(problem.contains("maxAttempts is -1; it must be 0 (no cap) or more"), problem);
    }

    @Test
    void anActivityWithoutCapOrRetriesHasNoPolicy() {
        assertSame(Attempts.NONE, site(EngineRunsTest.Bot.class, "parent").attempts());
    }
}
