package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.GaveUpException;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caps on failed attempts with PostgreSQL: failures since the last unmark count in
 * {@code failed_attempts} (apart from {@code attempts}, every start), a day read back carries them
 * with the cap, an unmark resets them, and schema version 3 counts the failures rows had before it.
 */
class PgAttemptsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final DayKey DAILY = new DayKey("user@example.com", "daily-set", LocalDate.now(ZoneOffset.UTC));

    @TempDir
    Path dir;

    private final List<PostgresStateStore> workers = new ArrayList<>();
    private PgDays days;

    @BeforeEach
    void emptySchema() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
        days = new PgDays(db::connect, db.schema());
        days.migrate();
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(PostgresStateStore::close);
    }

    private PostgresStateStore worker(String name) {
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), null, db.schema(), 2,
                Duration.ofSeconds(30), Duration.ofSeconds(20));
        PostgresStateStore store = new PostgresStateStore(settings, name,
                new FileStateStore(dir.resolve(name), Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
        workers.add(store);
        return store;
    }

    /** One attempt as the engine makes it: a claim, then its failure under the claim's lease. */
    private static void fail(PostgresStateStore worker, String id, String message, int cap) throws IOException {
        Lease lease = assertInstanceOf(Claim.Granted.class, worker.claim(DAILY, id)).lease();
        worker.checkpoint(DAILY, new Mutation.Failed(id, Instant.now(), "java.io.IOException", message, 5, cap), lease);
    }

    private static String column(String id, String column) throws SQLException {
        return db.query("SELECT " + column + "::text FROM ${schema}.activity WHERE id = '" + id + "'");
    }

    @Test
    void failuresCountInFailedAttemptsAndReadBackWithTheirCap() throws Exception {
        PostgresStateStore worker = worker("w1");
        for (int i = 1; i <= 3; i++) {
            fail(worker, "quiz", "timeout " + i, 3);
        }

        assertEquals("3", column("quiz", "failed_attempts"));
        assertEquals("3", column("quiz", "max_attempts"));
        assertEquals("3", column("quiz", "attempts"));
        assertEquals("failed", column("quiz", "status"));
        LastFailure read = worker("w2").read(DAILY, System.currentTimeMillis()).failure("quiz");
        assertEquals(3, read.attempts(), "a worker that starts later reads the count");
        assertEquals(3, read.maxAttempts());
        assertEquals("timeout 3", read.message());
        assertTrue(read.gaveUp());
        assertEquals(3, worker.read(DAILY, System.currentTimeMillis()).failure("quiz").attempts(),
                "the worker that failed it knows too");
        LastFailure loaded = days.load(DAILY).failures().get("quiz");
        assertEquals(3, loaded.attempts());
        assertTrue(loaded.gaveUp());
        PgDays.Failed summarized = days.summarize(PgScope.ALL).get(0).failed().get(0);
        assertEquals("quiz", summarized.id());
        assertTrue(summarized.failure().gaveUp(), "status and the report see it given up");
    }

    @Test
    void anUncappedFailureHasNoCap() throws Exception {
        fail(worker("w1"), "poll", "down", 0);

        assertNull(column("poll", "max_attempts"));
        LastFailure loaded = days.load(DAILY).failures().get("poll");
        assertEquals(new LastFailure("java.io.IOException", "down", loaded.at(), 1, 0), loaded);
        assertFalse(days.summarize(PgScope.ALL).get(0).failed().get(0).failure().gaveUp());
    }

    @Test
    void aCompletionAfterFailuresLeavesNoFailureToCount() throws Exception {
        PostgresStateStore worker = worker("w1");
        fail(worker, "quiz", "timeout", 3);
        Lease lease = assertInstanceOf(Claim.Granted.class, worker.claim(DAILY, "quiz")).lease();
        worker.checkpoint(DAILY, new Mutation.Completed("quiz", Instant.now(), 5, null), lease);

        assertNull(worker("w2").read(DAILY, System.currentTimeMillis()).failure("quiz"));
        assertEquals(List.of(), days.summarize(PgScope.ALL).get(0).failed());
    }

    @Test
    void anUnmarkResetsTheFailedAttemptsAndKeepsEveryStartOnRecord() throws Exception {
        PostgresStateStore worker = worker("w1");
        for (int i = 1; i <= 3; i++) {
            fail(worker, "quiz", "timeout " + i, 3);
        }

        assertTrue(days.unmark(DAILY, "quiz"), "a given-up activity can be unmarked");

        assertEquals("0", column("quiz", "failed_attempts"));
        assertNull(column("quiz", "max_attempts"));
        assertEquals("remaining", column("quiz", "status"));
        assertEquals("3", column("quiz", "attempts"), "every start stays on record");
        assertNull(worker("w2").read(DAILY, System.currentTimeMillis()).failure("quiz"));
        assertNull(days.load(DAILY).failures().get("quiz"));
        assertEquals(List.of("quiz"), days.load(DAILY).remaining());

        fail(worker, "quiz", "timeout 4", 3);
        assertEquals("1", column("quiz", "failed_attempts"), "counting starts afresh");
        assertEquals("4", column("quiz", "attempts"));
        assertFalse(days.unmark(DAILY, "never-ran"));
    }

    @Test
    void aRunningWorkerSeesTheUnmarkAndRunsTheActivityAgain() throws Exception {
        PostgresStateStore worker = worker("w1");
        fail(worker, "quiz", "timeout 1", 1);
        assertTrue(worker.read(DAILY, System.currentTimeMillis()).failure("quiz").gaveUp());

        days.unmark(DAILY, "quiz");

        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (worker.read(DAILY, System.currentTimeMillis()).failure("quiz") != null) {
            assertTrue(System.nanoTime() < until, "the worker never heard of the unmark");
            Thread.sleep(50);
        }
    }

    @Test
    void mergingAFilesFailuresFromBeforeAnUnmarkDoesNotBringThemBack() throws Exception {
        // A minute before the server's now: the unmark below is stamped by the server's clock, which
        // need not be this JVM's (CI fakes the JVMs' clock, never PostgreSQL's).
        Instant failedAt = Instant.ofEpochMilli(Long.parseLong(
                db.query("SELECT (extract(epoch FROM now()) * 1000)::bigint - 60000")));
        DayState file = DayState.of(DAILY, List.of(), List.of("quiz"), failedAt, Map.of(),
                Map.of("quiz", new LastFailure("java.io.IOException", "timeout", failedAt, 3, 3)), Map.of());
        days.merge(file, "w1");
        assertEquals("3", column("quiz", "failed_attempts"));
        assertEquals("3", column("quiz", "max_attempts"));
        assertTrue(days.load(DAILY).failures().get("quiz").gaveUp());

        days.unmark(DAILY, "quiz");
        days.merge(file, "w1");

        assertEquals("0", column("quiz", "failed_attempts"));
        assertNull(days.load(DAILY).failures().get("quiz"));
    }

    @Test
    void aResetKeepsTheFailureCountsInItsBackup() throws Exception {
        PostgresStateStore worker = worker("w1");
        fail(worker, "quiz", "timeout 1", 3);
        fail(worker, "quiz", "timeout 2", 3);

        days.reset(DAILY, false);

        assertEquals("2/3", db.query("SELECT failed_attempts || '/' || max_attempts FROM ${schema}.activity_backup"
                + " WHERE id = 'quiz'"));
    }

    static class Bot {
        @Activity(type = "daily-set", maxAttempts = 2)
        void capped() {
        }
    }

    @Test
    void theEngineGivesUpOnACappedActivityAcrossWorkers() throws Exception {
        ActivitySite site = ActivitySite.of(Bot.class.getDeclaredMethod("capped"));
        JobStateConfig config = new JobStateConfig(true, dir, ZoneOffset.UTC, DAILY.account(), "test");
        AtomicInteger runs = new AtomicInteger();
        ActivityEngine first = new ActivityEngine(config, worker("w1"), Clock.systemUTC());
        for (int i = 0; i < 2; i++) {
            Object token = first.enter(site, new Bot(), new Object[0]);
            assertFalse(token instanceof Replay);
            runs.incrementAndGet();
            first.exit(token, null, new IOException("timeout " + runs.get()));
        }
        assertEquals("2", column("capped", "failed_attempts"));

        ActivityEngine second = new ActivityEngine(config, worker("w2"), Clock.systemUTC());
        Replay refused = assertInstanceOf(Replay.class, second.enter(site, new Bot(), new Object[0]));
        second.exit(refused, null, null);

        GaveUpException gaveUp = assertInstanceOf(GaveUpException.class, refused.failure());
        assertEquals(2, gaveUp.getAttempts());
        assertEquals("timeout 2", gaveUp.getLastFailureMessage());
        assertThrows(GaveUpException.class, () -> {
            throw (RuntimeException) refused.failure();
        });
    }

    // --- schema version 3 ------------------------------------------------------------------------

    @Test
    void versionThreeCountsTheFailuresRowsHadBefore() throws SQLException {
        String schema = db.schema("v2");
        try (Connection connection = db.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql.execute("CREATE SCHEMA " + schema);
            sql.execute("CREATE TABLE " + schema + ".schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            for (int version = 1; version <= 2; version++) {
                for (String statement : PgSchema.statements(version, schema)) {
                    sql.execute(statement);
                }
                sql.execute("INSERT INTO " + schema + ".schema_version (version) VALUES (" + version + ")");
            }
            String at = "'" + DAILY.date() + "T10:00:00Z'";
            sql.execute("INSERT INTO " + schema + ".activity (account, type, day, id, status, attempts, failed_at,"
                    + " failure_exception, failure_message, completed_at, completed_seq) VALUES"
                    + " ('a', 't', '" + DAILY.date() + "', 'failed-thrice', 'failed', 3, " + at + ", 'E', 'x', NULL, NULL),"
                    + " ('a', 't', '" + DAILY.date() + "', 'running-again', 'running', 3, " + at + ", 'E', 'y', NULL, NULL),"
                    + " ('a', 't', '" + DAILY.date() + "', 'failed-then-done', 'completed', 2, " + at + ", 'E', 'z', "
                    + at + ", 1),"
                    + " ('a', 't', '" + DAILY.date() + "', 'never-failed', 'remaining', 1, NULL, NULL, NULL, NULL, NULL),"
                    + " ('a', 't', '" + DAILY.date() + "', 'no-count', 'failed', 0, " + at + ", 'E', 'w', NULL, NULL)");

            PgSchema.migrate(connection, schema);

            assertEquals("failed-then-done=0 failed-thrice=3 never-failed=0 no-count=1 running-again=2",
                    db.query("SELECT string_agg(id || '=' || failed_attempts, ' ' ORDER BY id) FROM " + schema
                            + ".activity"));
            assertEquals("0", db.query("SELECT count(*) FROM " + schema + ".activity WHERE max_attempts IS NOT NULL"),
                    "caps from before version 3 are unknown: none");
            DayState day = new PgDays(db::connect, schema).load(new DayKey("a", "t", DAILY.date()));
            assertEquals(3, day.failures().get("failed-thrice").attempts());
            assertFalse(day.failures().get("failed-thrice").gaveUp());
            assertEquals(2, day.failures().get("running-again").attempts());
        }
    }
}
