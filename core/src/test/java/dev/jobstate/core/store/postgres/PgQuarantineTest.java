package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a quarantine needs of PostgreSQL: an account's failed attempts of a day in every type
 * ({@code failed_attempts}), and an operator's release of it ({@code quarantine_release}), after
 * which only later failures count.
 */
class PgQuarantineTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final Instant T = Instant.parse("2025-09-20T10:00:00Z");

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
        worker.read(new DayKey("alice", "daily-set", DAY), 0); // migrates the schema
        operator = new PgDays(db::connect, db.schema());
    }

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    /** {@code account}'s {@code type} day, as a merge brings it, with failing ids of these attempts. */
    private static void merged(String account, String type, LocalDate date, int... attempts) throws SQLException {
        DayKey key = new DayKey(account, type, date);
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        for (int i = 0; i < attempts.length; i++) {
            failures.put("f" + i, new LastFailure("java.lang.IllegalStateException", "boom", T, attempts[i]));
        }
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), DayState.of(key, List.of("done"), failures.keySet(), T,
                    Map.of(), failures, Map.of()), "w1");
        }
    }

    private void failsLive(String account, String type, String id) throws Exception {
        worker.checkpoint(new DayKey(account, type, DAY),
                new Mutation.Failed(id, T, "java.lang.IllegalStateException", "boom", 5));
    }

    @Test
    void anAccountWithNothingRecordedHasNoFailures() throws SQLException {
        assertEquals(AccountFailures.NONE, operator.failures("nobody", DAY));
    }

    @Test
    void sumsTheFailedAttemptsOfEveryTypeOfTheAccountsDayOnly() throws SQLException {
        merged("alice", "daily-set", DAY, 2, 1);
        merged("alice", "punch-card", DAY, 3);
        merged("alice", "daily-set", DAY.minusDays(1), 5);
        merged("bob", "daily-set", DAY, 7);

        assertEquals(new AccountFailures(6, 0), operator.failures("alice", DAY));
        assertEquals(new AccountFailures(7, 0), operator.failures("bob", DAY));
    }

    @Test
    void aReleaseRecordsTheFailuresOfNowAndOnlyLaterOnesCount() throws Exception {
        merged("alice", "daily-set", DAY, 2);
        merged("alice", "punch-card", DAY, 1);

        assertEquals(3, operator.release("alice", DAY));

        assertEquals(new AccountFailures(3, 3), operator.failures("alice", DAY));
        assertEquals(3, releasedFailures("alice", DAY));
        failsLive("alice", "daily-set", "f0");
        failsLive("alice", "quiz", "q1");
        assertEquals(2, operator.failures("alice", DAY).sinceRelease());
        assertEquals(new AccountFailures(0, 0), operator.failures("alice", DAY.plusDays(1)),
                "a release is of its day");
    }

    @Test
    void aReleaseAgainRecordsTheCountOfThen() throws Exception {
        merged("alice", "daily-set", DAY, 2);
        operator.release("alice", DAY);
        failsLive("alice", "daily-set", "other");

        assertEquals(3, operator.release("alice", DAY));

        assertEquals(new AccountFailures(3, 3), operator.failures("alice", DAY));
    }

    @Test
    void anAccountWithNothingRecordedCanBeReleased() throws SQLException {
        assertEquals(0, operator.release("fresh", DAY));

        assertEquals(0, releasedFailures("fresh", DAY));
    }

    @Test
    void theStoreCountsTheFailuresItsWorkersCheckpointAndTheOperatorsRelease() throws Exception {
        failsLive("alice", "daily-set", "a");
        failsLive("alice", "daily-set", "a");
        failsLive("alice", "punch-card", "b");
        failsLive("bob", "daily-set", "a");

        assertEquals(new AccountFailures(3, 0), worker.failures("alice", DAY));
        operator.release("alice", DAY);
        assertEquals(0, worker.failures("alice", DAY).sinceRelease());
        assertEquals(1, worker.failures("bob", DAY).sinceRelease());
    }

    @Test
    void pruneRemovesTheReleasesOfTheDaysItRemoves() throws SQLException {
        merged("alice", "daily-set", DAY.minusDays(1), 4);
        merged("alice", "daily-set", DAY, 3);
        operator.release("alice", DAY.minusDays(1));
        operator.release("alice", DAY);

        operator.prune(DAY, true);
        assertEquals("2", db.query("SELECT count(*) FROM " + db.schema() + ".quarantine_release"), "a dry run keeps them");
        operator.prune(DAY, false);

        assertEquals("1", db.query("SELECT count(*) FROM " + db.schema() + ".quarantine_release"));
        assertEquals(new AccountFailures(3, 3), operator.failures("alice", DAY));
    }

    private static int releasedFailures(String account, LocalDate date) throws SQLException {
        try (Connection connection = db.connect();
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT failures FROM " + db.schema() + ".quarantine_release"
                     + " WHERE account = '" + account + "' AND day = '" + date + "'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
