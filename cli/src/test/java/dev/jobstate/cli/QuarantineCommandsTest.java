package dev.jobstate.cli;

import static dev.jobstate.cli.ReadingCommandsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release}, and the accounts in quarantine that {@code status} lists, on a state folder and
 * on PostgreSQL, run in process. alice failed three times on {@link #DAY} (quiz-2 twice, a punch
 * card once), bob never; the config quarantines an account at 3 failures a day.
 */
class QuarantineCommandsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    /** A fixed day in the past, named by {@code --date}. */
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final String QUARANTINE = ", \"quarantine\": {\"failuresPerDay\": 3}";

    @TempDir
    Path folder;

    private TestFarm farm;

    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder).withConfig(QUARANTINE);
        farm.day(ALICE, "daily-set", DAY).completed("check-in", "quiz-1").remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(DAY, "08:29:58"), 2)
                .updated(at(DAY, "08:30:00")).write();
        farm.day(ALICE, "punch-card", DAY).remaining("card-1")
                .failed("card-1", "java.lang.IllegalStateException", "banned?", at(DAY, "08:31:00"), 1)
                .updated(at(DAY, "08:31:00")).write();
        farm.day(BOB, "daily-set", DAY).completed("check-in", "quiz-1", "quiz-2").updated(at(DAY, "07:00:00")).write();
    }

    /** The config names PostgreSQL, with the quarantine, and the farm's files are imported there. */
    private void onPostgres() {
        String schema = db.schema("q" + SCHEMAS.incrementAndGet());
        farm.withConfig(", \"store\": \"postgres\", \"postgres\": {\"url\": \"" + db.url() + "\", \"user\": \""
                + db.user() + "\", \"schema\": \"" + schema + "\"}" + QUARANTINE);
        Cli.Run imported = farm.run("import", "--from", farm.state.toString());
        assertEquals(0, imported.exitCode(), imported.describe());
    }

    private static final List<String> QUARANTINED_STATUS = List.of(
            "ACCOUNT            TYPE        DONE    RATE  FAILED  LAST UPDATE",
            "alice@example.com  daily-set    2/3   66.7%       1  08:30:00",
            "alice@example.com  punch-card   0/1    0.0%       1  08:31:00",
            "bob@example.com    daily-set    3/3  100.0%       0  07:00:00",
            "",
            "Failed",
            "  ✗ alice@example.com daily-set quiz-2: java.io.IOException: timeout (2 attempts, last 08:29:58)",
            "  ✗ alice@example.com punch-card card-1: java.lang.IllegalStateException: banned? (1 attempt, last 08:31:00)",
            "",
            "Quarantined (nothing of theirs runs for the rest of its day, unless jobstate release --account <account>)",
            "  ⛔ alice@example.com: 3 failures that day",
            "",
            "Total 5/7 activities completed (71.4%) · 1 of 2 accounts done · 2 failed · 1 quarantined");

    @Test
    void statusListsTheAccountsInQuarantineAndCountsThemInTheTotal() {
        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals(QUARANTINED_STATUS, status.lines());
    }

    @Test
    void statusJsonHasTheQuarantinedAccountsWithTheirFailures() {
        Cli.Run json = farm.run("status", "--date", DAY.toString(), "--json");

        assertEquals(0, json.exitCode(), json.describe());
        assertTrue(json.out().contains("""
                  "quarantined" : [ {
                    "account" : "alice@example.com",
                    "failures" : 3
                  } ],
                """), json.out());
    }

    @Test
    void releaseForgivesTheFailuresOfTheDayAndStatusNoLongerListsTheAccount() {
        Cli.Run release = farm.run("release", "--account", ALICE, "--date", DAY.toString());

        assertEquals(0, release.exitCode(), release.describe());
        assertEquals(List.of("released alice@example.com on 2025-09-20: its 3 failures no longer count"),
                release.lines());
        assertTrue(Files.exists(farm.state.resolve(ALICE).resolve(".released-2025-09-20.json")));
        Cli.Run status = farm.run("status", "--date", DAY.toString());
        assertFalse(status.out().contains("Quarantined"), status.out());
        assertTrue(status.out().endsWith("· 2 failed\n"), status.out());
        Cli.Run json = farm.run("status", "--date", DAY.toString(), "--json");
        assertTrue(json.out().contains("\"quarantined\" : [ ],"), json.out());
    }

    @Test
    void anAccountBelowTheLimitIsNotListed() {
        farm.withConfig(", \"quarantine\": {\"failuresPerDay\": 4}");

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertFalse(status.out().contains("Quarantined"), status.out());
        assertFalse(status.out().contains("quarantined"), status.out());
    }

    @Test
    void withNoQuarantineConfiguredStatusListsNoneAndReleaseStillWorksAndSaysSo() {
        farm.withConfig("");

        Cli.Run status = farm.run("status", "--date", DAY.toString());
        assertFalse(status.out().contains("Quarantined"), status.out());

        Cli.Run release = farm.run("release", "--account", ALICE, "--date", DAY.toString());
        assertEquals(0, release.exitCode(), release.describe());
        assertEquals(List.of("released alice@example.com on 2025-09-20: its 3 failures no longer count"
                + " (no quarantine is configured: jobState.quarantine.failuresPerDay)"), release.lines());
    }

    @Test
    void releaseOfAnAccountWithOneFailureOrNoneSaysSo() {
        Cli.Run bob = farm.run("release", "--account", BOB, "--date", DAY.toString());
        assertEquals(List.of("released bob@example.com on 2025-09-20: its 0 failures no longer count"), bob.lines());

        Cli.Run other = farm.run("release", "--account", ALICE, "--date", DAY.minusDays(1).toString());
        assertEquals(List.of("released alice@example.com on 2025-09-19: its 0 failures no longer count"),
                other.lines());
    }

    @Test
    void releaseNeedsAnAccount() {
        Cli.Run release = farm.run("release", "--date", DAY.toString());

        assertTrue(release.exitCode() != 0, release.describe());
        assertTrue(release.err().contains("--account"), release.describe());
    }

    // --- PostgreSQL ----------------------------------------------------------------------------

    @Test
    void onPostgresStatusListsTheQuarantineAsWithFiles() {
        onPostgres();

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals(QUARANTINED_STATUS, status.lines());
    }

    @Test
    void onPostgresReleaseRecordsTheReleaseAndStatusNoLongerListsTheAccount() throws Exception {
        onPostgres();

        Cli.Run release = farm.run("release", "--account", ALICE, "--date", DAY.toString());

        assertEquals(0, release.exitCode(), release.describe());
        assertEquals(List.of("released alice@example.com on 2025-09-20: its 3 failures no longer count"),
                release.lines());
        Cli.Run json = farm.run("status", "--date", DAY.toString(), "--json");
        assertTrue(json.out().contains("\"quarantined\" : [ ],"), json.out());
        assertFalse(Files.exists(farm.state.resolve(ALICE).resolve(".released-2025-09-20.json")),
                "recorded in the database, not in the fallback folder");
    }
}
