package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers whose clocks run ahead of the database's, or behind it: the order of a day's completions,
 * and whether an outcome counts after an operator's word, never depend on them (docs/time.md).
 * Stamps are made relative to the server's own {@code now()}, so this holds whatever the JVM's clock.
 */
class WorkerClocksTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final DayKey DAY = new DayKey("alice@example.com", "daily-set", LocalDate.parse("2025-09-20"));
    private static final Duration AHEAD = Duration.ofHours(2);

    @TempDir
    Path dir;

    private PostgresStateStore worker;
    private PgDays operator;

    @BeforeEach
    void freshSchemaAndWorker() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), null, db.schema(), 2,
                Duration.ofSeconds(30), Duration.ofSeconds(5));
        worker = new PostgresStateStore(settings, "w1",
                new FileStateStore(dir, Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
        worker.read(DAY, 0); // migrates the schema
        operator = new PgDays(db::connect, db.schema());
    }

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    @Test
    void completionsListInTheOrderTheDatabaseRecordedThemAndNoneIsDatedInTheFuture() throws Exception {
        Instant server = serverNow();
        complete("quiz-1", server.plus(AHEAD)); // a machine whose clock runs two hours ahead
        complete("quiz-2", server);
        complete("quiz-3", server.minus(AHEAD)); // and one that runs behind
        assertTrue(operator.mark(DAY, "poll"));

        DayState day = operator.load(DAY);
        assertEquals(List.of("quiz-1", "quiz-2", "quiz-3", "poll"), day.completed());
        assertFalse(day.lastUpdate().isAfter(serverNow()), "the day's last update " + day.lastUpdate()
                + " is not in the future");
        assertEquals("0", db.query("SELECT count(*) FROM ${schema}.activity WHERE completed_at > now()"));
    }

    @Test
    void aMergedFileKeepsItsOrderEvenWhenItsStampsAreAllTheSameAndInTheFuture() throws Exception {
        Instant ahead = serverNow().plus(AHEAD);
        DayState file = DayState.of(DAY, List.of("quiz-2", "check-in", "quiz-1"), List.of(), ahead,
                Map.of(), Map.of(), Map.of(), DayNotes.EMPTY);
        operator.merge(file, "import");
        operator.mark(DAY, "poll");

        assertEquals(List.of("quiz-2", "check-in", "quiz-1", "poll"), operator.load(DAY).completed());
        assertEquals("0", db.query("SELECT count(*) FROM ${schema}.activity WHERE completed_at > now()"));
        assertEquals(0, operator.merge(file, "import"), "merging it again changes nothing");
    }

    @Test
    void aRunClaimedBeforeAResetIsNotRecordedAfterItEvenStampedInTheFuture() throws Exception {
        Lease lease = claim("quiz");
        operator.reset(DAY, false);

        worker.checkpoint(DAY, done("quiz", serverNow().plus(AHEAD)), lease);

        assertEquals(List.of(), operator.load(DAY).completed(), "the reset stands");
        assertEquals("0", db.query("SELECT count(*) FROM ${schema}.activity"), "no row came back");
    }

    @Test
    void aRunClaimedAfterAnUnmarkCountsEvenFromAWorkerWhoseClockIsBehind() throws Exception {
        worker.checkpoint(DAY, done("quiz", serverNow()), claim("quiz"));
        assertTrue(operator.unmark(DAY, "quiz"));

        Lease again = claim("quiz");
        worker.checkpoint(DAY, done("quiz", serverNow().minus(AHEAD)), again);

        assertEquals(List.of("quiz"), operator.load(DAY).completed(), "the rerun after the unmark counts");
    }

    @Test
    void anOperatorsMarkAndUnmarkWhileItRunsFenceTheRunOff() throws Exception {
        Lease lease = claim("quiz");
        operator.mark(DAY, "quiz");
        operator.unmark(DAY, "quiz");

        worker.checkpoint(DAY, done("quiz", serverNow().plus(AHEAD)), lease);

        assertEquals(List.of(), operator.load(DAY).completed(), "the operator said to do it again after it started");
        assertEquals("remaining", db.query("SELECT status FROM ${schema}.activity WHERE id = 'quiz'"));
    }

    private Lease claim(String id) {
        return assertInstanceOf(Claim.Granted.class, worker.claim(DAY, id)).lease();
    }

    private void complete(String id, Instant stamp) throws Exception {
        worker.checkpoint(DAY, done(id, stamp), claim(id));
    }

    private static Mutation.Completed done(String id, Instant stamp) {
        return new Mutation.Completed(id, stamp, 10, IntNode.valueOf(1));
    }

    private static Instant serverNow() throws SQLException {
        return OffsetDateTime.parse(db.query("SELECT to_char(now() AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
