package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.ActivityCall;
import dev.jobstate.GaveUpException;
import dev.jobstate.InDoubtException;
import dev.jobstate.JobState;
import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code JobState.activity}, the way in for code no annotation reaches: the same files, skips,
 * replays, refusals and retries as an {@code @Activity} method, through the same engine. A new
 * engine on the same folder stands for the next process.
 */
@ExtendWith(CleanThreadContext.class)
class CodeActivitiesTest {

    record Offer(String name, int points) {
    }

    static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined(String message) {
            super(message);
        }
    }

    static class Bot {
        @Activity(type = "search")
        String search() {
            return JobState.activity(null, "search", "inner", () -> "inner result");
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();

    private void newProcess() {
        JobStateRuntime.use(new ActivityEngine(config(ZoneOffset.UTC, "default-account"), store(), clock));
    }

    private FileStateStore store() {
        return new FileStateStore(stateDir, clock, new PersistenceHealth());
    }

    private Completions day(String account, String type) {
        return store().read(new DayKey(account, type, TODAY), clock.millis());
    }

    @AfterEach
    void noEngineLeftForOtherTests() {
        JobStateRuntime.use(null);
    }

    @Test
    void aCompletedCallIsSavedThenSkippedByTheNextProcessWhichGetsTheSameValueBack() throws Exception {
        newProcess();
        Offer first = JobState.activity("ann", "offers", "o1", () -> {
            runs.incrementAndGet();
            return new Offer("coffee", 10);
        });
        assertTrue(day("ann", "offers").isCompleted("o1"));

        newProcess();
        Object replayed = JobState.activity("ann", "offers", "o1", () -> {
            runs.incrementAndGet();
            return new Offer("other", 0);
        });
        assertEquals(1, runs.get());
        assertEquals(first, replayed);
        assertInstanceOf(Offer.class, replayed, "stored with its class, it replays as that class");
    }

    @Test
    void theBodysCheckedExceptionPassesThroughUnchangedIsRecordedAndTheNextCallRunsAgain() throws Exception {
        newProcess();
        Declined declined = new Declined("no points today");
        Declined thrown = assertThrows(Declined.class, () -> JobState.activity("ann", "offers", "o2", () -> {
            throw declined;
        }));
        assertSame(declined, thrown);
        assertEquals(Declined.class.getName(), day("ann", "offers").failure("o2").exception());

        newProcess();
        String second = JobState.activity("ann", "offers", "o2", () -> "claimed");
        assertEquals("claimed", second);
        assertTrue(day("ann", "offers").isCompleted("o2"));
    }

    @Test
    void workThatReturnsNothingIsRecordedAndSkipped() {
        newProcess();
        JobState.activity("ann", "chores", "water", () -> {
            runs.incrementAndGet();
        });
        newProcess();
        JobState.activity("ann", "chores", "water", () -> {
            runs.incrementAndGet();
        });
        assertEquals(1, runs.get());
        assertTrue(day("ann", "chores").isCompleted("water"));
    }

    @Test
    void anAccountGivenInCodeIsTheAccountOfWhatRunsInsideWithoutOne() {
        newProcess();
        String outer = JobState.activity("bob", "visit", "home",
                () -> JobState.activity(null, "visit", "inside", () -> "in") + "+"
                        + JobState.activity("visit").call(() -> "typed-id"));
        assertEquals("in+typed-id", outer);
        assertTrue(day("bob", "visit").isCompleted("home"));
        assertTrue(day("bob", "visit").isCompleted("inside"));
        assertTrue(day("bob", "visit").isCompleted("visit"), "without an id, the id is the type: one a day");
        assertFalse(day("default-account", "visit").isCompleted("inside"));
    }

    @Test
    void withoutAnAccountAnywhereTheDefaultAccountIsUsed() {
        newProcess();
        JobState.activity(null, "visit", "alone", () -> "x");
        assertTrue(day("default-account", "visit").isCompleted("alone"));
    }

    @Test
    void aOnceCallWhoseProcessDiedInTheMiddleIsInDoubtInTheNext() throws IOException {
        newProcess();
        // The start a once call makes durable, with no end after it: as a kill inside the body leaves it.
        store().checkpoint(new DayKey("ann", "pay", TODAY), new Mutation.Started("p1", NOW));
        ActivityCall pay = JobState.activity("pay").account("ann").id("p1").once();
        InDoubtException doubt = assertThrows(InDoubtException.class, () -> pay.call(() -> {
            runs.incrementAndGet();
            return "paid";
        }));
        assertEquals("p1", doubt.getId());
        assertEquals(0, runs.get());
    }

    @Test
    void aOnceCallRecordsItsStartBeforeItsBodyRuns() {
        newProcess();
        String paid = JobState.activity("pay").account("ann").id("p2").once().call(() -> {
            assertNotNull(day("ann", "pay").startedAt("p2"), "the start is durable before the body runs");
            return "paid";
        });
        assertEquals("paid", paid);
        assertTrue(day("ann", "pay").isCompleted("p2"));
    }

    @Test
    void aCappedActivityGivesUpAfterItsFailedAttempts() {
        newProcess();
        ActivityCall capped = JobState.activity("claim").account("ann").id("c1").maxAttempts(2);
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> capped.call(() -> {
                runs.incrementAndGet();
                throw new IllegalStateException("site down");
            }));
        }
        GaveUpException gaveUp = assertThrows(GaveUpException.class, () -> capped.call(() -> {
            runs.incrementAndGet();
            return "never";
        }));
        assertEquals(2, gaveUp.getAttempts());
        assertEquals(2, runs.get());
    }

    @Test
    void aRetriedFailureRunsTheBodyAgainWithinTheCall() throws IOException {
        newProcess();
        String result = JobState.activity("claim").account("ann").id("c2").retries(2, "1ms", IOException.class)
                .call(() -> {
                    if (runs.incrementAndGet() < 3) {
                        throw new IOException("timeout");
                    }
                    return "claimed";
                });
        assertEquals("claimed", result);
        assertEquals(3, runs.get());
        assertTrue(day("ann", "claim").isCompleted("c2"));
    }

    @Test
    void aPolicyThatCannotBeHonouredRunsTheCallUntracked() {
        newProcess();
        String result = JobState.activity("claim").account("ann").id("c3").maxAttempts(-1).call(() -> "ran");
        assertEquals("ran", result);
        assertFalse(day("ann", "claim").isCompleted("c3"));
    }

    @Test
    void withJobstateOffEveryCallRuns() {
        JobStateRuntime.use(null);
        for (int i = 0; i < 2; i++) {
            JobState.activity("ann", "offers", "o9", () -> runs.incrementAndGet());
        }
        assertEquals(2, runs.get());
        assertEquals(List.of(), day("ann", "offers").completed());
    }

    @Test
    void anAnnotatedMethodAndACodeActivityInsideItShareTheEngine() throws Exception {
        newProcess();
        ActivitySite site = EngineCalls.site(Bot.class, "search");
        Object result = EngineCalls.callAsAdvice(JobStateRuntime.engine(), site, new Bot(), runs, () -> new Bot().search());
        assertEquals("inner result", result);
        assertTrue(day("default-account", "search").isCompleted("inner"));
        assertTrue(day("default-account", "search").isCompleted("search"));
    }
}
