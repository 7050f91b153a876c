package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code java -jar jobstate.jar} against PostgreSQL, as an operator runs it in a bot's folder whose
 * config names the database: import a state folder, read it, change it, export it back to files.
 */
class PgCliIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final LocalDate TODAY = Zones.today();

    /**
     * CliIT's farm, with a config naming this class's schema; each test uses its own accounts' rows.
     * Its stamps are in the past of both the JVM's clock and the server's, which may differ (a run
     * under libfaketime): the database records no stamp later than its own {@code now()}.
     */
    private static Workspace farm(TestInfo test) throws SQLException {
        Instant serverNow = Pg.serverNow(db);
        Workspace ws = CliIT.farm(test, serverNow.isBefore(CliIT.NOON_TODAY) ? serverNow : CliIT.NOON_TODAY);
        ws.write("config.json", config(db.schema()));
        if (db.query("SELECT to_regclass('${schema}.activity')") != null) {
            db.query("WITH a AS (DELETE FROM ${schema}.activity RETURNING 1),"
                    + " r AS (DELETE FROM ${schema}.day_reset RETURNING 1) SELECT 1");
        }
        return ws;
    }

    /** A config.json that points the agent and the CLI at {@code schema}. */
    private static String config(String schema) {
        return """
                {"jobState": {"store": "postgres",
                  "postgres": {"url": "%s", "user": "%s", "schema": "%s"}}}
                """.formatted(db.url(), db.user(), schema);
    }

    @Test
    void importThenStatusReadsAsTheFilesDidAndImportingAgainChangesNothing(TestInfo test) throws SQLException {
        Workspace ws = farm(test);
        Result imported = Cli.run(ws.dir, "import", "--from", "sessions/job-state");
        assertEquals(0, imported.exitCode(), imported.describe());
        assertEquals(List.of("imported 3 days into PostgreSQL schema " + db.schema() + " at " + db.url()
                + ": 3 changed it, 9 rows inserted or updated"), imported.stdout());
        assertEquals("9", db.query("SELECT count(*) FROM ${schema}.activity"));
        assertEquals("import", db.query("SELECT worker FROM ${schema}.activity WHERE account = 'bob@example.com'"
                + " AND id = 'quiz-1'"));

        Result again = Cli.run(ws.dir, "import", "--from", "sessions/job-state");
        assertEquals(0, again.exitCode(), again.describe());
        assertTrue(again.stdout().get(0).endsWith(": 0 changed it, 0 rows inserted or updated"), again.describe());

        Result fromDatabase = Cli.run(ws.dir, "status", "--json");
        Result fromFiles = Cli.run(ws.dir, "status", "--json", "--dir", "sessions/job-state");
        assertEquals(0, fromDatabase.exitCode(), fromDatabase.describe());
        assertEquals(fromFiles.stdout(), fromDatabase.stdout(), "the same days read the same from either store");
        assertEquals(List.of(), fromDatabase.stderr());

        Result history = Cli.run(ws.dir, "history", "--account", "alice@example.com", "--days", "3");
        assertEquals(Cli.run(ws.dir, "history", "--account", "alice@example.com", "--days", "3", "--dir",
                "sessions/job-state").stdout(), history.stdout());
    }

    @Test
    void markAndUnmarkChangeTheRowsAndExportWritesThemAsStateFiles(TestInfo test) throws SQLException {
        Workspace ws = farm(test);
        assertEquals(0, Cli.run(ws.dir, "import", "--from", "sessions/job-state").exitCode());
        Result mark = Cli.run(ws.dir, "mark", "--account", "alice@example.com", "--type", "daily-set", "--id", "quiz-2");
        assertEquals(0, mark.exitCode(), mark.describe());
        assertEquals(List.of("marked quiz-2 completed for alice@example.com daily-set on " + TODAY), mark.stdout());
        assertEquals("completed operator", db.query("SELECT status || ' ' || worker FROM ${schema}.activity"
                + " WHERE account = 'alice@example.com' AND day = '" + TODAY + "' AND id = 'quiz-2'"));
        Result unmark = Cli.run(ws.dir, "unmark", "--account", "alice@example.com", "--type", "daily-set",
                "--id", "check-in");
        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertNotNull(db.query("SELECT revoked_at FROM ${schema}.activity WHERE account = 'alice@example.com'"
                + " AND day = '" + TODAY + "' AND id = 'check-in' AND status = 'remaining'"));
        Result unmarkAgain = Cli.run(ws.dir, "unmark", "--account", "alice@example.com", "--type", "daily-set",
                "--id", "check-in");
        assertEquals(1, unmarkAgain.exitCode(), "nothing to undo: " + unmarkAgain.describe());

        Result export = Cli.run(ws.dir, "export", "--to", "exported", "--date", "today");
        assertEquals(0, export.exitCode(), export.describe());
        assertEquals(List.of("exported 2 days of 2 accounts from PostgreSQL schema " + db.schema() + " at "
                + db.url() + " to exported"), export.stdout());
        StateFile alice = StateFile.read(ws.path("exported/alice@example.com/daily-set-" + TODAY + ".json"));
        assertEquals(List.of("quiz-1", "quiz-2"), alice.completed());
        assertEquals(List.of("check-in"), alice.remaining());
        assertTrue(Files.exists(ws.path("exported/bob@example.com/daily-set-" + TODAY + ".json")));
        assertTrue(Files.notExists(ws.path("exported/alice@example.com/daily-set-" + CliIT.YESTERDAY + ".json")),
                "--date today exports today only");
        assertEquals(Cli.run(ws.dir, "status", "--json").stdout(),
                Cli.run(ws.dir, "status", "--json", "--dir", "exported").stdout(),
                "the exported folder reads as the database does");
    }

    @Test
    void importSkipsAndReportsACorruptFileAndLoadsTheRest(TestInfo test) throws SQLException {
        Workspace ws = farm(test);
        ws.write("sessions/job-state/bob@example.com/mobile-search-" + TODAY + ".json", "{\"completed\": \"oops\"}");
        Result imported = Cli.run(ws.dir, "import", "--from", "sessions/job-state");
        assertEquals(1, imported.exitCode(), imported.describe());
        assertEquals("skipped bob@example.com/mobile-search-" + TODAY + ".json: \"completed\" is not an array",
                imported.stdout().get(0));
        assertTrue(imported.stdout().get(1).endsWith("9 rows inserted or updated; 1 skipped"), imported.describe());
        assertEquals("9", db.query("SELECT count(*) FROM ${schema}.activity"));
    }

    @Test
    void exportAndImportNeedTheConfigToNamePostgres(TestInfo test) {
        Workspace ws = CliIT.farm(test);
        Result export = Cli.run(ws.dir, "export", "--to", "out");
        assertEquals(2, export.exitCode(), export.describe());
        assertEquals(1, export.stderr().size(), export.describe());
        assertTrue(export.stderr().get(0).startsWith("jobstate: export needs PostgreSQL: the config (defaults)"),
                export.describe());
        Result verify = Cli.run(ws.dir, "verify");
        assertEquals(0, verify.exitCode(), "verify still checks the folder: " + verify.describe());
    }

    @Test
    void aSchemaWithoutJobstateTablesIsAnErrorNotAnEmptyFarm(TestInfo test) {
        Workspace ws = CliIT.farm(test);
        ws.write("config.json", config(db.schema() + "_typo"));
        Result status = Cli.run(ws.dir, "status");
        assertEquals(2, status.exitCode(), status.describe());
        assertTrue(status.stderr().get(0).startsWith("jobstate: no jobstate tables in schema " + db.schema() + "_typo"),
                status.describe());
    }
}
