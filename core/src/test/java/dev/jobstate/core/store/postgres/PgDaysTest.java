package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.core.engine.ResultCodec;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgDaysTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final Instant T = Instant.parse("2025-09-20T10:00:00Z");

    private PgDays days;

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection connection = db.connect()) {
            PgSchema.migrate(connection, db.schema());
        }
        for (String table : List.of("activity", "day_reset", "activity_backup")) {
            db.execute("DELETE FROM ${schema}." + table);
        }
        days = new PgDays(new TestDataSource(), db.schema());
    }

    /** a done with a result; b done after a failure, its result a recorded null; c failing; d unmarked. */
    private static DayState sample(DayKey key) {
        ObjectNode points = JsonNodeFactory.instance.objectNode().put("offerId", "a").put("points", 10);
        return DayState.of(key, List.of("a", "b"), List.of("c", "d"), T.plusSeconds(60),
                Map.of("a", points, "b", NullNode.getInstance()),
                Map.of("b", new LastFailure("java.io.IOException", "timeout", T.plusSeconds(5), 1),
                        "c", new LastFailure("java.lang.IllegalStateException", null, T.plusSeconds(50), 2)),
                Map.of("a", 400L, "b", 1200L),
                new DayNotes(Map.of("a", new DayNotes.RunInfo(T, 1),
                        "b", new DayNotes.RunInfo(T.plusSeconds(10), 2),
                        "c", new DayNotes.RunInfo(T.plusSeconds(49), 2)),
                        Map.of("d", T.plusSeconds(60)), null));
    }

    @Test
    void aMergedDayReadsBackTheSame() throws SQLException {
        DayKey key = new DayKey("alice@example.com", "daily-set", DAY);
        DayState day = sample(key);
        try (Connection connection = db.connect()) {
            assertEquals(4, PgDays.merge(connection, db.schema(), day, "w1"));
        }
        DayState back = days.load(key);
        assertEquals(day.completed(), back.completed());
        assertEquals(day.remaining(), back.remaining());
        assertEquals(day.results(), back.results());
        assertEquals(day.failures(), back.failures());
        assertEquals(day.durations(), back.durations());
        assertEquals(day.notes(), back.notes());
        assertEquals(day.lastUpdate(), back.lastUpdate());
        assertEquals(List.of(key), days.days(PgScope.ALL));
        assertEquals("w1", column(key, "a", "worker"));
        assertEquals("failed", column(key, "c", "status"));
        assertEquals("remaining", column(key, "d", "status"));
    }

    record Priced(String id, BigDecimal price) {
    }

    @Test
    void theResultsTheCodecRecordsReplayTheSameFromJsonb() throws SQLException {
        DayKey key = new DayKey("dave", "daily-set", DAY);
        ResultCodec codec = new ResultCodec();
        Map<String, Object> returned = Map.of(
                "amount", new BigDecimal("12345678901234567890.10"),
                "zoned", ZonedDateTime.parse("2025-09-20T10:30:00.5+02:00[Europe/Paris]"),
                "typed", List.of(new Priced("o1", new BigDecimal("1.50")), 5L, Optional.of("x")),
                "big", 1.0E20,
                "small", 1.0E-7);
        Map<String, JsonNode> recorded = new HashMap<>();
        returned.forEach((id, value) -> recorded.put(id, codec.record(value, Object.class)));
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), DayState.of(key, List.copyOf(returned.keySet()), List.of(), T,
                    recorded, Map.of(), Map.of()), "w1");
        }

        DayState back = days.load(key);

        returned.forEach((id, value) -> {
            Object replayed = codec.replay(back.result(id), Object.class, getClass().getClassLoader());
            assertEquals(value, replayed, id);
            assertEquals(value instanceof List ? ArrayList.class : value.getClass(),
                    replayed.getClass(), id);
        });
    }

    @Test
    void mergingTheSameDayAgainChangesNothing() throws SQLException {
        DayKey key = new DayKey("bob", "daily-set", DAY);
        DayState day = sample(key);
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), day, "w1");
            String before = dump();
            assertEquals(0, PgDays.merge(connection, db.schema(), day, "w2"));
            assertEquals(before, dump());
        }
    }

    @Test
    void aCompletedRowKeepsItsResultAndAFailureDoesNotReachIt() throws SQLException {
        DayKey key = new DayKey("carol", "t", DAY);
        db.execute("INSERT INTO ${schema}.activity (account, type, day, id, status, result, attempts, completed_at, worker)"
                + " VALUES ('carol', 't', '" + DAY + "', 'a', 'completed', '{\"points\": 99}', 2, '" + T + "', 'w0')");
        DayState later = DayState.of(key, List.of("a"), List.of(), T.plusSeconds(100),
                Map.of("a", JsonNodeFactory.instance.numberNode(1)), Map.of(
                        "a", new LastFailure("X", "m", T.plusSeconds(90), 1)), Map.of(), DayNotes.EMPTY);
        try (Connection connection = db.connect()) {
            assertEquals(0, PgDays.merge(connection, db.schema(), later, "w1"));
        }
        DayState back = days.load(key);
        assertEquals(99, back.result("a").get("points").asInt());
        assertEquals(Map.of(), back.failures());
        assertEquals("w0", column(key, "a", "worker"));
    }

    @Test
    void aLiveLeaseKeepsItsFenceAndIsNotFailedUnderItsHolder() throws SQLException {
        DayKey key = new DayKey("dave", "t", DAY);
        db.execute("INSERT INTO ${schema}.activity (account, type, day, id, status, attempts, started_at, worker,"
                + " lease_until, fence) VALUES ('dave', 't', '" + DAY + "', 'a', 'running', 1, now(), 'holder',"
                + " now() + interval '1 hour', 7), ('dave', 't', '" + DAY + "', 'b', 'running', 1, now(), 'holder',"
                + " now() + interval '1 hour', 8)");
        DayState file = DayState.of(key, List.of("b"), List.of("a"), T.plusSeconds(30), Map.of(),
                Map.of("a", new LastFailure("X", "down", T.plusSeconds(20), 1)), Map.of("b", 5L), DayNotes.EMPTY);
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), file, "fallback");
        }
        assertEquals("running", column(key, "a", "status"), "a live lease is not failed under its holder");
        assertNull(column(key, "a", "failed_at"));
        assertEquals("holder", column(key, "a", "worker"));
        assertEquals("7", column(key, "a", "fence"));
        assertEquals("completed", column(key, "b", "status"), "a completion is a fact, lease or not");
        assertEquals("8", column(key, "b", "fence"), "the fence is never written");
        assertTrue(column(key, "b", "lease_until") != null, "nor the lease");
    }

    @Test
    void anExpiredLeaseTakesTheFailure() throws SQLException {
        DayKey key = new DayKey("dave", "t", DAY);
        db.execute("INSERT INTO ${schema}.activity (account, type, day, id, status, attempts, worker, lease_until, fence)"
                + " VALUES ('dave', 't', '" + DAY + "', 'a', 'running', 1, 'dead', now() - interval '1 minute', 3)");
        DayState file = DayState.of(key, List.of(), List.of("a"), T, Map.of(),
                Map.of("a", new LastFailure("X", "down", T, 2)), Map.of(), DayNotes.EMPTY);
        try (Connection connection = db.connect()) {
            assertEquals(1, PgDays.merge(connection, db.schema(), file, "fallback"));
        }
        assertEquals("failed", column(key, "a", "status"));
        assertEquals("2", column(key, "a", "attempts"));
        assertEquals("3", column(key, "a", "fence"));
    }

    @Test
    void aCompletionFromBeforeAnUnmarkOrAResetIsDropped() throws SQLException {
        DayKey key = new DayKey("erin", "t", DAY);
        DayState file = DayState.of(key, List.of("a", "b"), List.of(), T.plusSeconds(10), Map.of(), Map.of(),
                Map.of("a", 1000L, "b", 1000L), new DayNotes(Map.of("a", new DayNotes.RunInfo(T, 1),
                        "b", new DayNotes.RunInfo(T, 1)), Map.of(), null));
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), file, "w1");
            assertTrue(days.unmark(key, "a"));
            assertEquals(0, PgDays.merge(connection, db.schema(), file, "w1"), "the unmark is later than a's completion");
            assertEquals(List.of("b"), days.load(key).completed());

            assertEquals(2, days.reset(key, false));
            assertEquals(0, PgDays.merge(connection, db.schema(), file, "w1"), "the reset is later than both");
            DayState reset = days.load(key);
            assertEquals(List.of(), reset.completed());
            assertTrue(reset.notes().resetAt() != null);
            assertEquals(List.of(key), days.days(PgScope.ALL), "a reset day is still a day");
            assertEquals("2", query("SELECT count(*) FROM ${schema}.activity_backup"));

            Instant afterReset = reset.notes().resetAt().plusSeconds(5);
            DayState later = DayState.of(key, List.of("a"), List.of(), afterReset, Map.of(), Map.of(),
                    Map.of("a", 10L), new DayNotes(Map.of("a", new DayNotes.RunInfo(afterReset.minusMillis(10), 1)),
                            Map.of(), null));
            assertEquals(1, PgDays.merge(connection, db.schema(), later, "w1"), "work after the reset counts");
            assertEquals(List.of("a"), days.load(key).completed());
        }
    }

    @Test
    void aOnceActivityInDoubtInAFileIsInDoubtInTheDatabaseAndReadsBackSo() throws SQLException {
        DayKey key = new DayKey("ivy", "payments", DAY);
        DayState file = DayState.of(key, List.of(), List.of("pay"), T, Map.of(), Map.of(), Map.of(),
                new DayNotes(Map.of(), Map.of(), null, Map.of("pay", T)));
        try (Connection connection = db.connect()) {
            PgDays.merge(connection, db.schema(), file, "fallback");
        }

        assertEquals("running", column(key, "pay", "status"));
        assertEquals("true", column(key, "pay", "once"));
        assertEquals(List.of(new PgDays.InDoubt("pay", T)),
                days.summarize(PgScope.ALL).get(0).inDoubt(), "status lists it in doubt, not to do");
        assertEquals(Map.of("pay", T), days.load(key).notes().started(), "an export writes it in doubt");

        assertTrue(days.unmark(key, "pay"), "the operator settles it: run it again");
        assertEquals("remaining", column(key, "pay", "status"));
        assertEquals(List.of(), days.summarize(PgScope.ALL).get(0).inDoubt());
    }

    @Test
    void markAndUnmarkSayWhetherTheyChangedAnything() throws SQLException {
        DayKey key = new DayKey("frank", "t", DAY);
        assertTrue(days.mark(key, "x"));
        assertFalse(days.mark(key, "x"));
        assertEquals(PgDays.OPERATOR, column(key, "x", "worker"));
        assertEquals(List.of("x"), days.load(key).completed());
        assertTrue(days.unmark(key, "x"));
        assertFalse(days.unmark(key, "x"));
        assertFalse(days.unmark(key, "never-seen"));
        DayState back = days.load(key);
        assertEquals(List.of(), back.completed());
        assertEquals(List.of("x"), back.remaining());
        assertTrue(back.notes().revoked().containsKey("x"));
        assertTrue(days.mark(key, "x"), "marking again after an unmark counts");
    }

    @Test
    void pruneDeletesOnlyOlderDaysAndADryRunNothing() throws SQLException {
        DayKey old = new DayKey("gina", "t", DAY.minusDays(10));
        DayKey recent = new DayKey("gina", "t", DAY);
        days.mark(old, "a");
        days.mark(old, "b");
        days.mark(recent, "a");
        List<PgDays.Pruned> dry = days.prune(DAY.minusDays(7), true);
        assertEquals(List.of(new PgDays.Pruned(old, 2)), dry);
        assertEquals(2, days.days(PgScope.ALL).size());
        assertEquals(dry, days.prune(DAY.minusDays(7), false));
        assertEquals(List.of(recent), days.days(PgScope.ALL));
    }

    @Test
    void scopesFilterByAccountTypeAndDates() throws SQLException {
        days.mark(new DayKey("h", "a", DAY), "x");
        days.mark(new DayKey("h", "b", DAY.minusDays(1)), "x");
        days.mark(new DayKey("i", "a", DAY), "x");
        assertEquals(List.of(new DayKey("h", "a", DAY)), days.days(new PgScope("h", "a", null, null)));
        assertEquals(List.of(new DayKey("h", "b", DAY.minusDays(1))),
                days.days(new PgScope("h", null, DAY.minusDays(1), DAY.minusDays(1))));
        assertEquals(List.of("h", "i"), days.accounts(new PgScope(null, "a", DAY, DAY)));
        assertEquals(2, days.load(new PgScope(null, null, DAY, DAY)).size());
    }

    private String column(DayKey key, String id, String column) throws SQLException {
        return query("SELECT " + column + "::text FROM ${schema}.activity WHERE account = '" + key.account()
                + "' AND type = '" + key.type() + "' AND day = '" + key.date() + "' AND id = '" + id + "'");
    }

    private String dump() throws SQLException {
        return query("SELECT string_agg(a::text, E'\\n' ORDER BY id) FROM ${schema}.activity a");
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql.replace("${schema}", db.schema()))) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The test server as a DataSource, a new connection each time. */
    private static final class TestDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return db.connect();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return db.connect();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
