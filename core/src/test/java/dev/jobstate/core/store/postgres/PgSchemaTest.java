package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        assertEquals(List.of(PgSchema.VERSION), versions());
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        try (Connection connection = db.connect()) {
            PgSchema.migrate(connection, db.schema());
            PgSchema.migrate(connection, db.schema());
        }
        assertEquals(List.of(PgSchema.VERSION), versions());
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
    void schemaNamesAreCheckedBeforeTheyReachSql() {
        assertTrue(PgSchema.isValidName("jobstate"));
        for (String hostile : new String[] {"x; DROP TABLE y", "Upper", "1abc", "", "a\"b"}) {
            assertThrows(IllegalArgumentException.class, () -> PgSchema.migrate(null, hostile), hostile);
        }
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
