package dev.jobstate.core.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.StateStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store promises the engine, whatever keeps the state. Each store under test runs it
 * through a subclass; "another store" stands for another process or another machine's worker.
 */
public abstract class StateStoreContract {

    protected static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    protected static final DayKey DAILY = new DayKey("user@example.com", "daily-set", TODAY);

    private final List<StateStore> opened = new ArrayList<>();

    /** A new store over the same storage as every other one this test made. */
    protected abstract StateStore newStore() throws Exception;

    protected final StateStore store() throws Exception {
        StateStore store = newStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (StateStore store : opened) {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    protected static Mutation.Completed done(String id) {
        return new Mutation.Completed(id, Instant.now(), 12, IntNode.valueOf(id.length()));
    }

    protected static Mutation.Failed failed(String id) {
        return new Mutation.Failed(id, Instant.now(), "java.io.IOException", "network down", 7);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static Claim.Granted granted(Claim claim) {
        return assertInstanceOf(Claim.Granted.class, claim);
    }

    @Test
    void aDayNeverWorkedOnHasNothingCompleted() throws Exception {
        StateStore store = store();
        assertTrue(store.read(DAILY, now()).completed().isEmpty());
        granted(store.claim(DAILY, "quiz"));
    }

    @Test
    void aCheckpointedCompletionIsSkippedAndSurvivesARestart() throws Exception {
        StateStore store = store();
        Claim.Granted claim = granted(store.claim(DAILY, "quiz"));
        store.checkpoint(DAILY, done("quiz"), claim.lease());

        assertTrue(store.read(DAILY, now()).isCompleted("quiz"));
        Completions afterRestart = store().read(DAILY, now());
        assertTrue(afterRestart.isCompleted("quiz"));
        assertEquals(IntNode.valueOf(4), afterRestart.result("quiz"));
    }

    @Test
    void aVoidActivityCompletesWithoutAResult() throws Exception {
        StateStore store = store();
        Claim.Granted claim = granted(store.claim(DAILY, "checkIn"));
        store.checkpoint(DAILY, new Mutation.Completed("checkIn", Instant.now(), 3, null), claim.lease());

        Completions day = store().read(DAILY, now());
        assertTrue(day.isCompleted("checkIn"));
        assertEquals(null, day.result("checkIn"));
    }

    @Test
    void aFailedActivityStaysToDo() throws Exception {
        StateStore store = store();
        Claim.Granted claim = granted(store.claim(DAILY, "quiz"));
        store.checkpoint(DAILY, failed("quiz"), claim.lease());

        assertFalse(store.read(DAILY, now()).isCompleted("quiz"));
        StateStore restarted = store();
        assertFalse(restarted.read(DAILY, now()).isCompleted("quiz"));
        granted(restarted.claim(DAILY, "quiz"));
    }

    @Test
    void completedOnlyGrowsALaterFailureDoesNotUndoIt() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, done("quiz"), granted(store.claim(DAILY, "quiz")).lease());
        store.checkpoint(DAILY, failed("quiz"));

        assertTrue(store().read(DAILY, now()).isCompleted("quiz"));
    }

    @Test
    void whatAnotherStoreCompletedIsDoneWhenClaimedEvenIfThisOneLoadedTheDayBefore() throws Exception {
        StateStore mine = store();
        StateStore theirs = store();
        assertFalse(mine.read(DAILY, now()).isCompleted("poll"));

        theirs.checkpoint(DAILY, new Mutation.Completed("poll", Instant.now(), 9, TextNode.valueOf("yes")),
                granted(theirs.claim(DAILY, "poll")).lease());

        Claim.Done done = assertInstanceOf(Claim.Done.class, mine.claim(DAILY, "poll"));
        assertEquals(TextNode.valueOf("yes"), done.day().result("poll"));
    }

    @Test
    void anOperatorsUnmarkMakesTheActivityToDoAgain() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, done("quiz"), granted(store.claim(DAILY, "quiz")).lease());

        store().checkpoint(DAILY, new Mutation.Unmarked("quiz", Instant.now()));

        StateStore restarted = store();
        assertFalse(restarted.read(DAILY, now()).isCompleted("quiz"));
        granted(restarted.claim(DAILY, "quiz"));
    }

    @Test
    void aRunningStoreSeesAnOperatorsUnmarkWithinSeconds() throws Exception {
        StateStore running = store();
        running.checkpoint(DAILY, done("quiz"), granted(running.claim(DAILY, "quiz")).lease());
        assertTrue(running.read(DAILY, now()).isCompleted("quiz"));

        store().checkpoint(DAILY, new Mutation.Unmarked("quiz", Instant.now()));

        long deadline = now() + 10_000;
        while (running.read(DAILY, now()).isCompleted("quiz")) {
            assertTrue(now() < deadline, "the running store still skips quiz 10 s after the operator unmarked it");
            Thread.sleep(100);
        }
        granted(running.claim(DAILY, "quiz"));
    }

    @Test
    void anOperatorsMarkCompletesTheActivityWithoutRunningIt() throws Exception {
        store().checkpoint(DAILY, new Mutation.Marked("quiz", Instant.now()));

        StateStore restarted = store();
        assertTrue(restarted.read(DAILY, now()).isCompleted("quiz"));
        assertInstanceOf(Claim.Done.class, restarted.claim(DAILY, "quiz"));
    }

    @Test
    void daysAreKeptApartByAccountTypeAndDate() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, done("quiz"), granted(store.claim(DAILY, "quiz")).lease());

        StateStore restarted = store();
        for (DayKey other : List.of(new DayKey("../../etc/passwd", "daily-set", TODAY),
                new DayKey("user@example.com", "punch-card", TODAY),
                new DayKey("user@example.com", "daily-set", TODAY.minusDays(1)))) {
            assertFalse(restarted.read(other, now()).isCompleted("quiz"), other.toString());
        }
        DayKey hostile = new DayKey("../../etc/passwd", "daily-set", TODAY);
        restarted.checkpoint(hostile, done("quiz"), granted(restarted.claim(hostile, "quiz")).lease());
        assertTrue(store().read(hostile, now()).isCompleted("quiz"));
    }

    @Test
    void anInterruptedThreadStillSavesAndKeepsItsInterrupt() throws Exception {
        StateStore store = store();
        Thread.currentThread().interrupt();
        try {
            store.read(DAILY, now());
            Claim.Granted claim = granted(store.claim(DAILY, "quiz"));
            store.checkpoint(DAILY, done("quiz"), claim.lease());
            assertTrue(Thread.currentThread().isInterrupted(), "the host's interrupt is the host's to see");
        } finally {
            Thread.interrupted();
        }
        assertTrue(store().read(DAILY, now()).isCompleted("quiz"));
    }

    @Test
    void yesterdayLeavesMemoryButNotStorage() throws Exception {
        DayKey yesterday = new DayKey(DAILY.account(), DAILY.type(), TODAY.minusDays(1));
        StateStore store = store();
        store.checkpoint(yesterday, done("quiz"), granted(store.claim(yesterday, "quiz")).lease());

        store.retainOnly(Set.of(TODAY));

        assertTrue(store.read(yesterday, now()).isCompleted("quiz"));
    }

    @Test
    void daysOfAccountsWhoseTodaysDifferAllStayReadableAndWritable() throws Exception {
        DayKey late = new DayKey("late@example.com", DAILY.type(), TODAY.minusDays(1));
        StateStore store = store();
        store.checkpoint(late, done("quiz"), granted(store.claim(late, "quiz")).lease());
        store.checkpoint(DAILY, done("quiz"), granted(store.claim(DAILY, "quiz")).lease());

        store.retainOnly(Set.of(TODAY.minusDays(1), TODAY));
        store.checkpoint(late, done("check-in"), granted(store.claim(late, "check-in")).lease());

        assertTrue(store.read(late, now()).isCompleted("quiz"));
        assertTrue(store.read(late, now()).isCompleted("check-in"));
        assertTrue(store.read(DAILY, now()).isCompleted("quiz"));
        assertTrue(store().read(late, now()).isCompleted("check-in"), "and durable");
    }

    @Test
    void concurrentCheckpointsFromManyThreadsAllLand() throws Exception {
        StateStore store = store();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        Set<String> ids = new HashSet<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                for (int i = 0; i < 10; i++) {
                    String id = "task-" + t + "-" + i;
                    ids.add(id);
                    running.add(threads.submit((Callable<Void>) () -> {
                        store.checkpoint(DAILY, done(id), granted(store.claim(DAILY, id)).lease());
                        return null;
                    }));
                }
            }
            for (Future<?> run : running) {
                run.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(ids, Set.copyOf(store().read(DAILY, now()).completed()));
    }

    // --- @Activity(maxAttempts) and quarantine --------------------------------------------------------

    private static Mutation.Failed failedUnderCap(String id, int cap) {
        return new Mutation.Failed(id, Instant.now(), "java.io.IOException", "site down", 7, cap);
    }

    @Test
    void failedAttemptsAreCountedWithTheirCapAndSurviveARestart() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, failedUnderCap("quiz", 2), granted(store.claim(DAILY, "quiz")).lease());
        store.checkpoint(DAILY, failedUnderCap("quiz", 2), granted(store.claim(DAILY, "quiz")).lease());

        LastFailure failure = store().read(DAILY, now()).failure("quiz");
        assertEquals(2, failure.attempts());
        assertEquals(2, failure.maxAttempts());
        assertTrue(failure.gaveUp());
        assertEquals("site down", failure.message());
    }

    @Test
    void anOperatorsUnmarkGivesTheAttemptsBack() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, failedUnderCap("quiz", 1), granted(store.claim(DAILY, "quiz")).lease());

        store().checkpoint(DAILY, new Mutation.Unmarked("quiz", Instant.now()));

        assertEquals(null, store().read(DAILY, now()).failure("quiz"));
    }

    @Test
    void anAccountsFailuresOfADayAreCountedOverEveryType() throws Exception {
        StateStore store = store();
        DayKey punchCard = new DayKey(DAILY.account(), "punch-card", TODAY);
        store.checkpoint(DAILY, failed("quiz"), granted(store.claim(DAILY, "quiz")).lease());
        store.checkpoint(DAILY, failed("quiz"), granted(store.claim(DAILY, "quiz")).lease());
        store.checkpoint(punchCard, failed("card"), granted(store.claim(punchCard, "card")).lease());
        DayKey otherAccount = new DayKey("someone@example.com", "daily-set", TODAY);
        store.checkpoint(otherAccount, failed("quiz"), granted(store.claim(otherAccount, "quiz")).lease());

        AccountFailures counted = store().failures(DAILY.account(), TODAY);
        assertEquals(3, counted.failures());
        assertEquals(3, counted.sinceRelease(), "never released");
        assertEquals(0, store().failures(DAILY.account(), TODAY.minusDays(1)).failures());
    }

    // --- @Activity(once = true) -------------------------------------------------------------------

    /**
     * {@code store}'s process dies while it runs a once activity it claimed: nothing of it is
     * closed or written any more, and whatever it held lapses as it would after a crash.
     */
    protected abstract void dies(StateStore store) throws Exception;

    /** Claims {@code id} as a once activity and records its start, as the engine does before the body. */
    private static Claim.Granted startOnce(StateStore store, String id) throws Exception {
        Claim.Granted claim = granted(store.claimOnce(DAILY, id));
        store.checkpoint(DAILY, new Mutation.Started(id, Instant.now()), claim.lease());
        return claim;
    }

    @Test
    void aOnceActivityStartedAndNeverEndedIsInDoubtForTheNextProcess() throws Exception {
        StateStore dying = store();
        startOnce(dying, "pay");
        dies(dying);

        StateStore next = store();
        Claim.InDoubt doubt = assertInstanceOf(Claim.InDoubt.class, next.claimOnce(DAILY, "pay"));
        // When it started, by the store's clock: the database's may be far from this JVM's (CI fakes the JVM's).
        assertTrue(doubt.startedAt() != null, String.valueOf(doubt));
        assertFalse(next.read(DAILY, now()).isCompleted("pay"));
        assertInstanceOf(Claim.InDoubt.class, store().claimOnce(DAILY, "pay"), "and it stays so");
    }

    @Test
    void aOnceActivitysOutcomeSettlesItsStart() throws Exception {
        StateStore store = store();
        store.checkpoint(DAILY, done("pay"), startOnce(store, "pay").lease());
        store.checkpoint(DAILY, failed("refund"), startOnce(store, "refund").lease());

        StateStore next = store();
        assertInstanceOf(Claim.Done.class, next.claimOnce(DAILY, "pay"));
        granted(next.claimOnce(DAILY, "refund"));
    }

    @Test
    void anOperatorsMarkSettlesAnActivityInDoubtAsDone() throws Exception {
        StateStore dying = store();
        startOnce(dying, "pay");
        dies(dying);

        store().checkpoint(DAILY, new Mutation.Marked("pay", Instant.now()));

        StateStore next = store();
        assertInstanceOf(Claim.Done.class, next.claimOnce(DAILY, "pay"));
        assertTrue(next.read(DAILY, now()).isCompleted("pay"));
    }

    @Test
    void anOperatorsUnmarkSettlesAnActivityInDoubtToRunAgain() throws Exception {
        StateStore dying = store();
        startOnce(dying, "pay");
        dies(dying);

        store().checkpoint(DAILY, new Mutation.Unmarked("pay", Instant.now()));

        granted(store().claimOnce(DAILY, "pay"));
    }

    @Test
    void anOrdinaryActivityADeadProcessStartedIsTakenUpAgain() throws Exception {
        StateStore dying = store();
        granted(dying.claim(DAILY, "quiz"));
        dies(dying);

        granted(store().claim(DAILY, "quiz"));
    }
}
