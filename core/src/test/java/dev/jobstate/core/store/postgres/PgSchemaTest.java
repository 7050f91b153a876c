package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgSchemaTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void workersStartingTogetherMigrateOnceAndAllSucceed() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Void>> started = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                started.add(workers.submit((Callable<Void>) () -> {
                    try (Connection connection = db.connect()) {
                        PgSchema.migrate(connection, db.schema());
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : started) {
                worker.get();
            }
        } finally {
            workers.shutdown();
        }
        assertEquals(allVersions(), versions());
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        try (Connection connection = db.connect()) {
            PgSchema.migrate(connection, db.schema());
            PgSchema.migrate(connection, db.schema());
        }
        assertEquals(allVersions(), versions());
    }

    @Test
    void aSchemaFromANewerJobstateIsRefusedNotMisread() throws SQLException {
        try (Connection connection = db.connect()) {
            PgSchema.migrate(connection, db.schema());
            db.execute("INSERT INTO ${schema}.schema_version (version) VALUES (" + (PgSchema.VERSION + 1) + ")");
            SQLException refused = assertThrows(SQLException.class, () -> PgSchema.migrate(connection, db.schema()));
            assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
            db.execute("DELETE FROM ${schema}.schema_version WHERE version > " + PgSchema.VERSION);
        }
    }

    @Test
    void rowsCompletedBeforeVersionTwoKeepTheOrderTheyWereListedInAndLaterOnesFollow() throws SQLException {
        String schema = db.schema("v1");
        try (Connection connection = db.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
            sql.execute("CREATE TABLE " + schema + ".schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            for (String statement : PgSchema.statements(1, schema)) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO " + schema + ".schema_version (version) VALUES (1)");
            sql.execute("INSERT INTO " + schema + ".activity (account, type, day, id, status, completed_at) VALUES"
                    + " ('a', 't', '2025-09-20', 'b', 'completed', '2025-09-20T10:00:00Z'),"
                    + " ('a', 't', '2025-09-20', 'a', 'completed', '2025-09-20T10:00:00Z'),"
                    + " ('a', 't', '2025-09-20', 'c', 'completed', '2025-09-20T09:00:00Z'),"
                    + " ('a', 't', '2025-09-20', 'd', 'failed', NULL)");

            PgSchema.migrate(connection, schema);
            new PgDays(db::connect, schema).mark(new DayKey("a", "t", LocalDate.parse("2025-09-20")), "e");

            assertEquals(List.of("c", "a", "b", "e"), new PgDays(db::connect, schema)
                    .load(new DayKey("a", "t", LocalDate.parse("2025-09-20"))).completed());
            try (ResultSet rows = sql.executeQuery("SELECT id, completed_seq FROM " + schema + ".activity"
                    + " ORDER BY completed_seq NULLS LAST")) {
                List<String> numbered = new ArrayList<>();
                while (rows.next()) {
                    numbered.add(rows.getString(1) + "=" + rows.getString(2));
                }
                assertEquals(List.of("c=1", "a=2", "b=3", "e=4", "d=null"), numbered);
            }
        }
    }

    @Test
    void schemaNamesAreCheckedBeforeTheyReachSql() {
        assertTrue(PgSchema.isValidName("jobstate"));
        for (String hostile : new String[] {"x; DROP TABLE y", "Upper", "1abc", "", "a\"b"}) {
            assertThrows(IllegalArgumentException.class, () -> PgSchema.migrate(null, hostile), hostile);
        }
    }

    private static List<Integer> allVersions() {
        return IntStream.rangeClosed(1, PgSchema.VERSION).boxed().toList();
    }

    private List<Integer> versions() throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = db.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT version FROM " + db.schema() + ".schema_version ORDER BY 1")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
