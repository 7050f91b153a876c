package dev.jobstate.cli;

import static dev.jobstate.cli.ReadingCommandsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands in a bot's folder whose config names PostgreSQL, run in process: the same words as
 * with files where the command is the same, days and rows where the store's own words differ. Each
 * test has a schema of its own.
 */
class PgCommandsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    /** A fixed day in the past, named by {@code --date}. */
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";

    @TempDir
    Path folder;

    private TestFarm farm;
    private String schema;
    private String where;

    /** alice: 2/3 with quiz-2 failing; bob: 3/3; both on {@link #DAY}; in files, to import. */
    @BeforeEach
    void farm() throws IOException {
        schema = db.schema("c" + SCHEMAS.incrementAndGet());
        where = "PostgreSQL schema " + schema + " at " + db.url();
        farm = new TestFarm(folder).withPostgres(db.url(), db.user(), schema);
        farm.day(ALICE, "daily-set", DAY).completed("check-in", "quiz-1").remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(DAY, "08:29:58"), 2)
                .updated(at(DAY, "08:30:00")).write();
        farm.day(BOB, "daily-set", DAY).completed("check-in", "quiz-1", "quiz-2").updated(at(DAY, "07:00:00")).write();
    }

    private void imported() {
        Cli.Run imported = farm.run("import", "--from", farm.state.toString());
        assertEquals(0, imported.exitCode(), imported.describe());
    }

    @Test
    void importLoadsTheFolderAndImportingAgainChangesNothing() throws SQLException {
        Cli.Run imported = farm.run("import", "--from", farm.state.toString());

        assertEquals(0, imported.exitCode(), imported.describe());
        assertEquals(List.of("imported 2 days into " + where + ": 2 changed it, 6 rows inserted or updated"),
                imported.lines());
        assertEquals("6", db.query("SELECT count(*) FROM " + schema + ".activity"));

        Cli.Run again = farm.run("import", "--from", farm.state.toString());
        assertEquals(List.of("imported 2 days into " + where + ": 0 changed it, 0 rows inserted or updated"),
                again.lines());
    }

    @Test
    void importSkipsAndListsAFileItCannotReadAndFails() throws IOException {
        farm.write("bob@example.com/mobile-search-2025-09-20.json", "{\"completed\": \"oops\"}");

        Cli.Run imported = farm.run("import", "--from", farm.state.toString());

        assertEquals(1, imported.exitCode(), imported.describe());
        assertEquals(List.of("skipped bob@example.com/mobile-search-2025-09-20.json: \"completed\" is not an array",
                "imported 2 days into " + where + ": 2 changed it, 6 rows inserted or updated; 1 skipped"),
                imported.lines());
    }

    @Test
    void statusAndHistoryReadTheRowsAsTheyReadTheFiles() {
        imported();

        Cli.Run fromRows = farm.run("status", "--json", "--date", DAY.toString());
        Cli.Run fromFiles = farm.run("status", "--json", "--date", DAY.toString(), "--dir", farm.state.toString());
        assertEquals(0, fromRows.exitCode(), fromRows.describe());
        assertEquals(fromFiles.out(), fromRows.out());

        Cli.Run text = farm.run("status", "--date", DAY.toString());
        assertEquals(farm.run("status", "--date", DAY.toString(), "--dir", farm.state.toString()).out(), text.out());
    }

    @Test
    void statusCountsNotStartedActivitiesFromTheRowsAsFromTheFiles() throws IOException {
        LocalDate next = DAY.plusDays(1);
        farm.day(ALICE, "daily-set", next).completed("check-in").updated(at(next, "06:00:00")).write();
        imported();

        Cli.Run fromRows = farm.run("status", "--json", "--date", next.toString());
        Cli.Run fromFiles = farm.run("status", "--json", "--date", next.toString(), "--dir", farm.state.toString());

        assertEquals(0, fromRows.exitCode(), fromRows.describe());
        assertEquals(fromFiles.out(), fromRows.out());
        assertTrue(fromRows.out().contains("\"notStarted\" : 5"), fromRows.out());
    }

    @Test
    void historyAndReportCountDaysNotStateFiles() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        farm.day("carol@example.com", "daily-set", today.minusDays(1)).completed("check-in")
                .updated(at(today.minusDays(1), "06:00:00")).write();
        imported();

        Cli.Run history = farm.run("history", "--account", "nobody@example.com", "--days", "3");
        assertEquals(1, history.exitCode(), history.describe());
        assertEquals(List.of("jobstate: no days for account 'nobody@example.com' in the last 3 days"), history.errLines());

        Path out = folder.resolve("report.html");
        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "2");
        assertEquals(0, report.exitCode(), report.describe());
        assertEquals(List.of("wrote " + out + ": 1 accounts, 1 days, " + today.minusDays(1) + " to " + today),
                report.lines());
        assertTrue(Files.exists(out));
    }

    @Test
    void statusSaysWhichActivitiesWereGivenUpFromTheRowsAndUnmarkGivesTheAttemptsBack() throws IOException, SQLException {
        farm.day("carol@example.com", "daily-set", DAY).completed("check-in").remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(DAY, "10:29:58"), 3, 3)
                .updated(at(DAY, "10:30:00")).write();
        imported();
        assertEquals("3/3", db.query("SELECT failed_attempts || '/' || max_attempts FROM " + schema + ".activity"
                + " WHERE account = 'carol@example.com' AND id = 'quiz-2'"));

        Cli.Run text = farm.run("status", "--date", DAY.toString());
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.lines().contains("  ✗ carol@example.com daily-set quiz-2: java.io.IOException: timeout"
                + " (3 attempts, given up, last 10:29:58)"), text.describe());
        assertTrue(text.lines().get(text.lines().size() - 1).endsWith(" · 2 failed (1 given up)"), text.describe());
        Cli.Run json = farm.run("status", "--json", "--date", DAY.toString());
        assertEquals(farm.run("status", "--json", "--date", DAY.toString(), "--dir", farm.state.toString()).out(),
                json.out(), "the rows read as the files do");
        assertTrue(json.out().contains("\"gaveUp\" : true"), json.out());

        Cli.Run unmark = farm.run("unmark", "--account", "carol@example.com", "--type", "daily-set", "--id", "quiz-2",
                "--date", DAY.toString());
        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertEquals("remaining 0", db.query("SELECT status || ' ' || failed_attempts FROM " + schema + ".activity"
                + " WHERE account = 'carol@example.com' AND id = 'quiz-2'"));
        Cli.Run after = farm.run("status", "--date", DAY.toString(), "--account", "carol@example.com");
        assertTrue(after.lines().get(after.lines().size() - 1).endsWith(" · 0 failed"), after.describe());
    }

    @Test
    void markAndUnmarkChangeTheRows() throws SQLException {
        imported();

        Cli.Run mark = farm.run("mark", "--account", ALICE, "--type", "daily-set", "--id", "quiz-2", "--date", DAY.toString());
        assertEquals(List.of("marked quiz-2 completed for alice@example.com daily-set on 2025-09-20"), mark.lines());
        assertEquals("completed operator", db.query("SELECT status || ' ' || worker FROM " + schema + ".activity"
                + " WHERE account = 'alice@example.com' AND id = 'quiz-2'"));

        Cli.Run unmark = farm.run("unmark", "--account", ALICE, "--type", "daily-set", "--id", "check-in", "--date",
                DAY.toString());
        assertEquals(List.of("unmarked check-in for alice@example.com daily-set on 2025-09-20: it runs again"),
                unmark.lines());
        Cli.Run again = farm.run("unmark", "--account", ALICE, "--type", "daily-set", "--id", "check-in", "--date",
                DAY.toString());
        assertEquals(1, again.exitCode(), again.describe());
        assertEquals(List.of("jobstate: check-in is neither completed nor failed for alice@example.com daily-set on 2025-09-20;"
                + " nothing changed"), again.errLines());
    }

    @Test
    void resetListsAndBacksUpDaysWithTheirRows() throws SQLException {
        imported();

        Cli.Run nothing = farm.run("reset", "--account", "nobody@example.com", "--date", DAY.toString());
        assertEquals(List.of("nothing to reset: no days for nobody@example.com on 2025-09-20 in " + where), nothing.lines());

        Cli.Run dry = farm.run("reset", "--account", BOB, "--all-dates", "--dry-run");
        assertEquals(List.of("would reset 1 day:", "  bob@example.com daily-set 2025-09-20"), dry.lines());

        Cli.Run purge = farm.run("reset", "--account", BOB, "--all-dates", "--purge");
        assertEquals(2, purge.exitCode(), purge.describe());
        assertEquals(List.of("jobstate: --purge deletes 1 days for good; add --yes to confirm"), purge.errLines());

        Cli.Run reset = farm.run("reset", "--account", BOB, "--date", DAY.toString());
        assertEquals(0, reset.exitCode(), reset.describe());
        assertEquals(List.of("reset 1 day (3 rows); kept in " + schema + ".activity_backup:",
                "  bob@example.com daily-set 2025-09-20"), reset.lines());
        assertEquals("0", db.query("SELECT count(*) FROM " + schema + ".activity WHERE account = 'bob@example.com'"));
        assertEquals("3", db.query("SELECT count(*) FROM " + schema + ".activity_backup"));

        Cli.Run deleted = farm.run("reset", "--account", ALICE, "--date", DAY.toString(), "--purge", "--yes");
        assertEquals(List.of("deleted 1 day (3 rows):", "  alice@example.com daily-set 2025-09-20"), deleted.lines());
    }

    @Test
    void pruneDeletesTheRowsOfOldDays() throws IOException {
        imported();
        // prune counts back from today by the real clock; every day here is older than a week.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Cli.Run dry = farm.run("prune", "--older-than", "7d", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.describe());
        assertEquals(List.of("would remove alice@example.com daily-set 2025-09-20 (3 rows)",
                "would remove bob@example.com daily-set 2025-09-20 (3 rows)",
                "would remove 2 days dated before " + today.minusDays(7) + ", 6 rows"), dry.lines());

        Cli.Run pruned = farm.run("prune", "--older-than", "7d");
        assertEquals("removed 2 days dated before " + today.minusDays(7) + ", 6 rows", pruned.lines().get(2));
        assertEquals(List.of("No state files for 2025-09-20."), farm.run("status", "--date", DAY.toString()).lines());
    }

    @Test
    void verifySaysItChecksStateFilesAndNamesTheFallbackFolder() {
        imported();

        Cli.Run verify = farm.run("verify");

        assertEquals(0, verify.exitCode(), verify.describe());
        assertEquals(List.of("verify checks state files, and the config keeps state in " + where
                + " (reachable, jobstate's tables present); pass --dir <folder> to verify a state folder (such as the"
                + " agent's fallback folder, " + farm.state + ")"), verify.lines());
        assertEquals(List.of("2 state files checked, 0 problems"),
                farm.run("verify", "--dir", farm.state.toString()).lines());
    }

    @Test
    void exportWritesTheRowsAsStateFiles() throws IOException {
        imported();
        Path to = folder.resolve("exported");

        Cli.Run export = farm.run("export", "--to", to.toString(), "--date", DAY.toString());

        assertEquals(0, export.exitCode(), export.describe());
        assertEquals(List.of("exported 2 days of 2 accounts from " + where + " to " + to), export.lines());
        assertEquals(farm.run("status", "--json", "--date", DAY.toString()).out(),
                farm.run("status", "--json", "--date", DAY.toString(), "--dir", to.toString()).out());
    }

    @Test
    void aSchemaWithoutJobstateTablesIsAUsageErrorNotAnEmptyFarm() {
        Cli.Run status = farm.run("status");

        assertEquals(2, status.exitCode(), status.describe());
        assertEquals(List.of("jobstate: no jobstate tables in schema " + schema + " at " + db.url() + " as " + db.user()
                + " (from " + farm.config + ")"), status.errLines());
    }
}
