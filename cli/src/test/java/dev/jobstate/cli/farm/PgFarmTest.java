package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.file.StateFiles;
import dev.jobstate.core.store.postgres.PgConnections;
import dev.jobstate.core.store.postgres.PgDays;
import dev.jobstate.core.store.postgres.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands over PostgreSQL read what they read over the same days in files. */
class PgFarmTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    /** A fixed day in the past: what these tests compare does not depend on the clock. */
    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");

    @TempDir
    Path root;

    private HikariDataSource pool;
    private PgFarm farm;

    @BeforeEach
    void emptySchema() throws SQLException {
        pool = PgConnections.single(new PostgresSettings(db.url(), db.user(), null, db.schema(), 1, null, null), "test");
        PgDays days = new PgDays(pool, db.schema());
        days.migrate();
        for (String table : List.of("activity", "day_reset", "activity_backup")) {
            db.execute("DELETE FROM ${schema}." + table);
        }
        farm = new PgFarm(days);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void importedDaysGiveTheSameStatusAndHistoryAsTheirFiles() throws IOException {
        StateDir dir = farmFolder();
        Import.Result imported = new Import(farm).from(dir, Progress.NONE);
        assertEquals(4, imported.days());
        assertEquals(4, imported.changedDays());
        assertEquals(1, imported.problems().size(), "the corrupt file is reported");
        assertTrue(imported.problems().get(0).reason().contains("not an array"), imported.problems().toString());

        assertEquals(dir.status(Scope.day(TODAY), Progress.NONE), farm.status(Scope.day(TODAY), Progress.NONE));
        assertEquals(History.of(dir, "alice@example.com", TODAY.minusDays(2), TODAY).days(),
                History.of(farm, "alice@example.com", TODAY.minusDays(2), TODAY).days());
        assertEquals(History.of(dir, "alice@example.com", TODAY.minusDays(2), TODAY).failing(),
                History.of(farm, "alice@example.com", TODAY.minusDays(2), TODAY).failing());

        Import.Result again = new Import(farm).from(dir, Progress.NONE);
        assertEquals(0, again.rows(), "a second import changes nothing");
        assertEquals(0, again.changedDays());
    }

    @Test
    void anExportedFolderReadsAsTheFolderThatWasImported() throws IOException {
        StateDir dir = farmFolder();
        new Import(farm).from(dir, Progress.NONE);
        Path out = root.resolve("exported");
        Export.Result exported = new Export(farm).to(out, new Scope(null, null, null, null), Progress.NONE);
        assertEquals(2, exported.accounts());
        assertEquals(4, exported.days());
        StateDir back = new StateDir(out);
        assertEquals(dir.status(Scope.day(TODAY), Progress.NONE), back.status(Scope.day(TODAY), Progress.NONE));
        StateFiles files = new StateFiles();
        DayKey alice = new DayKey("alice@example.com", "daily-set", TODAY);
        StateFiles.Parsed original = (StateFiles.Parsed) files.read(
                root.resolve("state/alice@example.com/daily-set-" + TODAY + ".json"), alice);
        StateFiles.Parsed copy = (StateFiles.Parsed) files.read(
                out.resolve("alice@example.com/daily-set-" + TODAY + ".json"), alice);
        assertEquals(original.day().completed(), copy.day().completed());
        assertEquals(original.day().results(), copy.day().results());
        assertEquals(original.day().failures(), copy.day().failures());
        assertEquals(original.day().durations(), copy.day().durations());
    }

    @Test
    void markUnmarkResetAndPruneActOnTheRows() throws IOException {
        new Import(farm).from(farmFolder(), Progress.NONE);
        DayKey alice = new DayKey("alice@example.com", "daily-set", TODAY);
        assertEquals(Marks.Outcome.CHANGED, farm.mark(alice, "quiz-2"));
        assertEquals(Marks.Outcome.ALREADY_SO, farm.mark(alice, "quiz-2"));
        assertEquals(3, farm.status(Scope.day(TODAY).withAccount("alice@example.com"), Progress.NONE)
                .totals().completed());
        assertEquals(Marks.Outcome.CHANGED, farm.unmark(alice, "check-in"));
        assertEquals(Marks.Outcome.ALREADY_SO, farm.unmark(alice, "check-in"));

        List<DayKey> plan = farm.plan(new Scope("alice@example.com", null, null, null));
        assertEquals(2, plan.size(), "today and yesterday");
        List<PgFarm.ResetDay> reset = farm.reset(plan, false);
        assertEquals(List.of(3, 3), reset.stream().map(PgFarm.ResetDay::rows).toList(), "3 rows each day");
        assertEquals(0, farm.status(Scope.day(TODAY).withAccount("alice@example.com"), Progress.NONE)
                .totals().known());

        assertEquals(1, farm.prune(TODAY, false).size(), "bob's day before today; alice's were reset");
    }

    /** alice: today 2/3 with quiz-2 failing, yesterday 3/3; bob: today 3/3; bob: a corrupt day. */
    private StateDir farmFolder() throws IOException {
        write("alice@example.com/daily-set-" + TODAY + ".json", """
                {"completed":["check-in","quiz-1"],"remaining":["quiz-2"],"lastUpdate":"%s",
                 "results":{"quiz-1":{"points":10}},
                 "failures":{"quiz-2":{"exception":"java.io.IOException","message":"timeout",
                   "lastFailure":"%s","attempts":2}},
                 "durations":{"check-in":400,"quiz-1":1200}}
                """.formatted(at(TODAY, "09:30:00.000"), at(TODAY, "09:29:58.120")));
        write("alice@example.com/daily-set-" + TODAY.minusDays(1) + ".json", """
                {"completed":["check-in","quiz-1","quiz-2"],"remaining":[],"lastUpdate":"%s",
                 "failures":{"quiz-2":{"exception":"java.io.IOException","message":"reset by peer",
                   "lastFailure":"%s","attempts":1}}}
                """.formatted(at(TODAY.minusDays(1), "08:00:00.000"), at(TODAY.minusDays(1), "07:59:00.000")));
        write("bob@example.com/daily-set-" + TODAY + ".json", """
                {"completed":["check-in","quiz-1","quiz-2"],"remaining":[],"lastUpdate":"%s"}
                """.formatted(at(TODAY, "08:00:00.000")));
        write("bob@example.com/search-" + TODAY.minusDays(3) + ".json", """
                {"completed":["s1"],"remaining":[],"lastUpdate":"%s"}
                """.formatted(at(TODAY.minusDays(3), "08:00:00.000")));
        write("bob@example.com/search-" + TODAY.minusDays(1) + ".json", "{\"completed\": \"oops\"}");
        return new StateDir(root.resolve("state"));
    }

    /** A state file's UTC stamp on {@code day}. */
    private static String at(LocalDate day, String utcTime) {
        return day + "T" + utcTime + "Z";
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve("state").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
