package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two workers on one activity: only one runs it, and a worker that lost its lease cannot overwrite. */
class LeasesTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final DayKey DAILY = new DayKey("user@example.com", "daily-set", LocalDate.now(ZoneOffset.UTC));

    @TempDir
    Path dir;

    private final List<PostgresStateStore> workers = new ArrayList<>();

    @BeforeEach
    void emptySchema() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(PostgresStateStore::close);
    }

    private PostgresStateStore worker(String name, Duration lease, Duration leaseWait) {
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), null, db.schema(), 2, lease, leaseWait);
        PostgresStateStore store = new PostgresStateStore(settings, name,
                new FileStateStore(dir.resolve(name), Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
        workers.add(store);
        return store;
    }

    private static Mutation.Completed done(String id, int result) {
        return new Mutation.Completed(id, Instant.now(), 10, IntNode.valueOf(result));
    }

    @Test
    void aWorkerThatFindsTheActivityHeldWaitsAndSkipsItWhenTheHolderCompletes() throws Exception {
        PostgresStateStore first = worker("w1", Duration.ofSeconds(30), Duration.ofSeconds(20));
        PostgresStateStore second = worker("w2", Duration.ofSeconds(30), Duration.ofSeconds(20));
        Lease lease = assertInstanceOf(Claim.Granted.class, first.claim(DAILY, "quiz")).lease();

        CompletableFuture<Claim> waiting = CompletableFuture.supplyAsync(() -> second.claim(DAILY, "quiz"));
        Thread.sleep(600);
        assertFalse(waiting.isDone(), "the second worker must wait while the first holds the activity");
        first.checkpoint(DAILY, done("quiz", 7), lease);

        Claim.Done skipped = assertInstanceOf(Claim.Done.class, waiting.get(10, TimeUnit.SECONDS));
        assertEquals(IntNode.valueOf(7), skipped.day().result("quiz"));
    }

    @Test
    void aFailureReleasesTheLeaseSoAnotherWorkerRunsItAtOnce() throws Exception {
        PostgresStateStore first = worker("w1", Duration.ofSeconds(30), Duration.ofSeconds(20));
        PostgresStateStore second = worker("w2", Duration.ofSeconds(30), Duration.ofSeconds(20));
        Lease lease = assertInstanceOf(Claim.Granted.class, first.claim(DAILY, "quiz")).lease();

        CompletableFuture<Claim> waiting = CompletableFuture.supplyAsync(() -> second.claim(DAILY, "quiz"));
        first.checkpoint(DAILY, new Mutation.Failed("quiz", Instant.now(), "java.io.IOException", "timeout", 5), lease);

        Claim.Granted retry = assertInstanceOf(Claim.Granted.class, waiting.get(10, TimeUnit.SECONDS));
        assertTrue(retry.lease().fence() > lease.fence(), "a later claim gets a larger token");
        assertEquals(2, row("quiz").attempts);
    }

    @Test
    void aStalledWorkersLeaseRunsOutAndItsLateCompletionIsFencedOff() throws Exception {
        PostgresStateStore stalled = worker("stalled", Duration.ofSeconds(1), Duration.ofSeconds(20));
        PostgresStateStore other = worker("other", Duration.ofSeconds(30), Duration.ofSeconds(20));
        Lease old = assertInstanceOf(Claim.Granted.class, stalled.claim(DAILY, "quiz")).lease();
        stalled.close(); // stops its renewals, as a stall (or a kill) would

        long waitedFrom = System.nanoTime();
        Lease taken = assertInstanceOf(Claim.Granted.class, other.claim(DAILY, "quiz")).lease();
        assertTrue(System.nanoTime() - waitedFrom >= TimeUnit.MILLISECONDS.toNanos(500),
                "the activity is taken over only once the stalled worker's lease ran out");
        assertTrue(taken.fence() > old.fence());

        // The stalled worker wakes while the new holder is still running the activity.
        PostgresStateStore resumed = worker("stalled", Duration.ofSeconds(1), Duration.ofSeconds(20));
        resumed.checkpoint(DAILY, done("quiz", 1), old);
        Row meanwhile = row("quiz");
        assertEquals("running", meanwhile.status, "the fenced-off completion must not land");
        assertEquals("other", meanwhile.worker);
        assertFalse(resumed.read(DAILY, System.currentTimeMillis()).isCompleted("quiz"));

        other.checkpoint(DAILY, done("quiz", 2), taken);
        Row row = row("quiz");
        assertEquals("completed", row.status);
        assertEquals("other", row.worker);
        assertEquals("2", row.result);
        assertEquals(taken.fence(), row.fence);
    }

    @Test
    void aLeaseStillRenewedBlocksOthersBeyondItsLength() throws Exception {
        PostgresStateStore holder = worker("holder", Duration.ofMillis(1200), Duration.ofSeconds(20));
        PostgresStateStore other = worker("other", Duration.ofSeconds(30), Duration.ofMillis(2500));
        Lease lease = assertInstanceOf(Claim.Granted.class, holder.claim(DAILY, "long")).lease();

        long from = System.nanoTime();
        Claim claim = other.claim(DAILY, "long");
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from);

        // The holder renewed past its 1.2 s lease, so the other worker waited its whole 2.5 s and
        // then ran the activity unleased (the configured way out of an endless wait).
        assertTrue(waitedMillis >= 2400, "waited " + waitedMillis + " ms");
        assertTrue(assertInstanceOf(Claim.Granted.class, claim).lease().isNone());
        assertEquals("holder", row("long").worker);
        assertEquals("running", row("long").status);
        holder.checkpoint(DAILY, done("long", 3), lease);
        assertEquals("completed", row("long").status);
    }

    private record Row(String status, String worker, String result, long fence, int attempts) {
    }

    private Row row(String id) throws SQLException {
        try (Connection connection = db.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT status, worker, result::text, fence, attempts FROM "
                     + db.schema() + ".activity WHERE id = '" + id + "'")) {
            assertTrue(rows.next(), "no row for " + id);
            return new Row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getInt(5));
        }
    }
}
