package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A machine that holds the lease on an activity and dies (kill -9) or stalls (SIGSTOP): a second
 * machine that wants the same activity waits while the holder's lease is renewed, takes the activity
 * over once the lease runs out, with a larger fence, and completes it; a stalled holder that wakes up
 * afterwards cannot overwrite that completion.
 */
class LeaseTakeoverIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String ACCOUNT = "lease@example.com";
    static final String ID = "item-0";
    /** Long enough that the holder is always inside its body when the test acts on it. */
    static final String LONG_BODY = "--sleep-ms=30000";
    static final String SHORT_BODY = "--sleep-ms=200";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aKilledHoldersActivityIsTakenOverAfterItsLeaseWithALargerFence(Jdk jdk, TestInfo test) {
        String schema = db.schema("kill_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path effects = ws.path("effects.log");
        ChildJvm.Running a = null;
        ChildJvm.Running b = null;
        try {
            a = start(jdk, ws, "A", schema, effects, LONG_BODY);
            Pg.Row held = awaitHeldBy(a, "A", schema);
            assertRenewedWhileItRuns(held, schema);

            // B wants the same activity while A lives and renews: it must wait, not run it.
            b = start(jdk, ws, "B", schema, effects, SHORT_BODY);
            Pg.awaitLine(b, "CALL " + ACCOUNT + " 0", ChildJvm.DEFAULT_TIMEOUT);
            assertWaitsWhileTheHolderLives(b, "A", schema);

            Pg.Row beforeKill = Pg.row(db, schema, ACCOUNT, ID);
            Result killed = a.kill();
            assertEquals(Result.KILLED, killed.exitCode(), killed::describe);
            // A's last lease: read after the kill, unless B was already quick enough to take it over,
            // then the one read just before (A may have renewed once more in between: a weaker bound).
            Pg.Row afterKill = Pg.row(db, schema, ACCOUNT, ID);
            Pg.Row last = "A".equals(afterKill.worker()) ? afterKill : beforeKill;
            assertEquals("A", last.worker(), () -> "A's lease, as A died holding it: " + last);

            Result done = b.await(ChildJvm.DEFAULT_TIMEOUT);
            assertCleanExit(done);
            assertTakenOver(done, "B", held, last, schema);
            assertEquals(Map.of(ACCOUNT + "/" + ID, List.of("A", "B")), Pg.effects(effects),
                    "A's body started before the kill, and B's ran it again: at least once");
        } finally {
            close(a, b);
        }
    }

    /**
     * C stalls holding the lease; D takes the activity over and, while D's body still runs (so the row
     * is not completed yet and only the fence can tell C's outcome is stale), C wakes and checkpoints
     * its completion. The row stays D's; then D completes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aStalledHoldersLateCompletionIsRejectedByTheFence(Jdk jdk, TestInfo test) {
        String schema = db.schema("stall_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path effects = ws.path("effects.log");
        Path releaseD = ws.path("release-d");
        ChildJvm.Running c = null;
        ChildJvm.Running d = null;
        boolean stopped = false;
        try {
            // C's body is shorter than the stall: once woken, it returns at once and checkpoints late.
            c = start(jdk, ws, "C", schema, effects, "--sleep-ms=2000");
            Pg.Row held = awaitHeldBy(c, "C", schema);

            Pg.signal(c.pid(), "STOP");
            stopped = true;
            // C renews no more. A renewal in flight at the stop may still land after this read: that
            // only makes the "D ran after C's lease ended" bound below weaker, never wrong.
            Pg.Row last = Pg.row(db, schema, ACCOUNT, ID);
            assertEquals("C", last.worker(), last::toString);
            d = start(jdk, ws, "D", schema, effects, SHORT_BODY, "--body-until=" + releaseD);
            Pg.Row taken = awaitHeldBy(d, "D", schema);
            assertTrue(taken.fence() > held.fence(), () -> "D's fence is larger than C's " + held.fence() + ": " + taken);

            Pg.signal(c.pid(), "CONT");
            stopped = false;
            Result late = c.await(ChildJvm.DEFAULT_TIMEOUT);
            // The agent never hurts the bot: C's call returns and C ends normally, whatever it may warn.
            assertEquals(0, late.exitCode(), late::describe);
            assertTrue(late.stdout().contains("DONE"), late::describe);
            assertEquals(1, late.ran().size(), late::describe);
            // Still D's running lease (which D keeps renewing, so lease_until moves), untouched by C.
            Pg.Row whileDRuns = Pg.row(db, schema, ACCOUNT, ID);
            Supplier<String> overwritten = () -> "C's late completion (fence " + held.fence() + ") was written over"
                    + " D's lease (fence " + taken.fence() + "): " + whileDRuns + "\nC printed:\n" + late.describe();
            assertEquals("running", whileDRuns.status(), overwritten);
            assertEquals("D", whileDRuns.worker(), overwritten);
            assertEquals(taken.fence(), whileDRuns.fence(), overwritten);
            assertEquals(null, whileDRuns.result(), overwritten);
            assertEquals(null, whileDRuns.completedAt(), overwritten);
            assertTrue(whileDRuns.leaseLive(), overwritten);

            Pg.touch(releaseD);
            Result done = d.await(ChildJvm.DEFAULT_TIMEOUT);
            assertCleanExit(done);
            assertTakenOver(done, "D", held, last, schema);
            assertEquals(taken.fence(), Pg.row(db, schema, ACCOUNT, ID).fence(), "D completed under its own fence");
            assertEquals(Map.of(ACCOUNT + "/" + ID, List.of("C", "D")), Pg.effects(effects));
            System.out.printf("lease stall %s: C's call returned %s, C's stderr %s%n", jdk, late.acked(),
                    late.stderr());
        } finally {
            if (stopped) {
                Pg.signal(c.pid(), "CONT");
            }
            close(c, d);
        }
    }

    private static ChildJvm.Running start(Jdk jdk, Workspace ws, String worker, String schema, Path effects,
                                          String... body) {
        Path home = Pg.machine(ws, worker, db.url(), schema);
        List<String> args = new ArrayList<>(List.of("--accounts=" + ACCOUNT, "--ids=0-1", "--worker=" + worker,
                "--effects=" + effects));
        args.addAll(List.of(body));
        return ChildJvm.on(jdk, home).main("bots.PgBot", args.toArray(String[]::new)).start();
    }


    /** Waits until {@code jvm}'s body runs and the row says so: running, leased by {@code worker}, live. */
    private static Pg.Row awaitHeldBy(ChildJvm.Running jvm, String worker, String schema) {
        assertTrue(jvm.awaitStdout(lines -> lines.stream().anyMatch(l -> l.startsWith("RAN ")),
                ChildJvm.DEFAULT_TIMEOUT), worker + "'s body did not start");
        Pg.Row row = Pg.await(() -> Pg.row(db, schema, ACCOUNT, ID),
                r -> r != null && "running".equals(r.status()) && worker.equals(r.worker()),
                Duration.ofSeconds(30), () -> "the row to be running with worker " + worker);
        assertTrue(row.leaseLive(), () -> "a running activity's lease is ahead of the server's clock: " + row);
        assertTrue(row.fence() != null && row.fence() > 0, () -> "a claim takes a fencing token: " + row);
        return row;
    }

    /** The holder renews: past the first lease's end, the row is still its own, with a later, live lease. */
    private static void assertRenewedWhileItRuns(Pg.Row held, String schema) {
        Instant pastFirstLease = held.leaseUntil().plusMillis(500);
        Pg.await(() -> Pg.serverNow(db), now -> now.isAfter(pastFirstLease),
                Duration.ofSeconds(Pg.LEASE_SECONDS * 3L), () -> "the first lease to end by the server's clock");
        Pg.Row later = Pg.row(db, schema, ACCOUNT, ID);
        assertEquals(held.worker(), later.worker(), later::toString);
        assertEquals("running", later.status(), later::toString);
        assertEquals(held.fence(), later.fence(), () -> "a renewal keeps the fence: " + later);
        assertTrue(later.leaseLive() && later.leaseUntil().isAfter(held.leaseUntil()),
                () -> "the lease was renewed while the body ran: first " + held + "\nnow " + later);
    }

    /**
     * Over one and a half leases, {@code waiter} does not run the body and the row stays the holder's.
     * Proving a negative takes a window; it is bounded by the lease, the time this is about.
     */
    private static void assertWaitsWhileTheHolderLives(ChildJvm.Running waiter, String holder, String schema) {
        boolean ran = waiter.awaitStdout(lines -> lines.stream().anyMatch(l -> l.startsWith("RAN ")),
                Duration.ofMillis(Pg.LEASE_SECONDS * 1_500L));
        assertTrue(!ran, "the second machine ran an activity a live machine holds");
        Pg.Row row = Pg.row(db, schema, ACCOUNT, ID);
        assertEquals(holder, row.worker(), row::toString);
        assertEquals("running", row.status(), row::toString);
    }

    /**
     * {@code taker} claimed the activity, and so ran the body, only after the holder's last lease
     * ({@code last}) ended, by the server's clock that judges leases; its completion is the row: its
     * worker, its result, a fence larger than the holder's.
     */
    private static Pg.Row assertTakenOver(Result done, String taker, Pg.Row held, Pg.Row last, String schema) {
        assertEquals(1, done.ran().size(), done::describe);
        Pg.Row claimed = Pg.row(db, schema, ACCOUNT, ID);
        assertTrue(!claimed.startedAt().isBefore(last.leaseUntil()), () -> taker + " claimed the activity at "
                + claimed.startedAt() + ", before " + last.worker() + "'s lease ended: " + last);
        assertEquals(taker, done.acked().get(ACCOUNT + " 0"), done::describe);
        Pg.Row row = Pg.row(db, schema, ACCOUNT, ID);
        assertEquals("completed", row.status(), row::toString);
        assertEquals(taker, row.worker(), row::toString);
        assertEquals(Pg.jsonString(taker), row.result(), row::toString);
        assertTrue(row.fence() != null && row.fence() > held.fence(), () -> "the taker's fence is larger than "
                + held.fence() + ": " + row);
        return row;
    }

    private static void close(ChildJvm.Running... jvms) {
        for (ChildJvm.Running jvm : jvms) {
            if (jvm != null) {
                jvm.close();
            }
        }
    }
}
