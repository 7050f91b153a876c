package dev.jobstate.cli;

import static dev.jobstate.cli.ReadingCommandsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mark}, {@code unmark}, {@code reset}, {@code prune} and {@code verify} on a state folder, run in process. */
class ChangingCommandsTest {

    /** A fixed day in the past, named by {@code --date}. */
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";

    @TempDir
    Path folder;

    private TestFarm farm;

    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder);
        farm.day(ALICE, "daily-set", DAY).completed("check-in", "quiz-1").remaining("quiz-2")
                .updated(at(DAY, "08:30:00")).write();
        farm.day(BOB, "daily-set", DAY).completed("check-in").updated(at(DAY, "07:00:00")).write();
        farm.day(BOB, "daily-set", DAY.minusDays(1)).completed("check-in").updated(at(DAY.minusDays(1), "07:00:00"))
                .write();
    }

    @Test
    void markRecordsAnActivityAsCompletedAndSaysWhenItAlreadyWas() throws IOException {
        Cli.Run mark = farm.run("mark", "--account", ALICE, "--type", "daily-set", "--id", "quiz-2", "--date", DAY.toString());

        assertEquals(0, mark.exitCode(), mark.describe());
        assertEquals(List.of("marked quiz-2 completed for alice@example.com daily-set on 2025-09-20"), mark.lines());
        assertEquals(List.of("check-in", "quiz-1", "quiz-2"), farm.read(ALICE, "daily-set", DAY).completed());
        assertEquals(List.of(), farm.read(ALICE, "daily-set", DAY).remaining());

        Cli.Run again = farm.run("mark", "--account", ALICE, "--type", "daily-set", "--id", "quiz-2", "--date", DAY.toString());
        assertEquals(0, again.exitCode(), again.describe());
        assertEquals(List.of("quiz-2 was already completed for alice@example.com daily-set on 2025-09-20"), again.lines());
    }

    @Test
    void unmarkMakesACompletedActivityRunAgain() throws IOException {
        Cli.Run unmark = farm.run("unmark", "--account", ALICE, "--type", "daily-set", "--id", "quiz-1", "--date", DAY.toString());

        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertEquals(List.of("unmarked quiz-1 for alice@example.com daily-set on 2025-09-20: it runs again"), unmark.lines());
        assertEquals(List.of("check-in"), farm.read(ALICE, "daily-set", DAY).completed());
        assertTrue(farm.read(ALICE, "daily-set", DAY).remaining().contains("quiz-1"));
    }

    @Test
    void unmarkOfAnActivityThatIsNotCompletedChangesNothingAndFails() throws IOException {
        Cli.Run unmark = farm.run("unmark", "--account", ALICE, "--type", "daily-set", "--id", "quiz-2", "--date", DAY.toString());

        assertEquals(1, unmark.exitCode(), unmark.describe());
        assertEquals("", unmark.out());
        assertEquals(List.of("jobstate: quiz-2 is neither completed nor failed for alice@example.com daily-set on 2025-09-20; nothing changed"),
                unmark.errLines());
        assertEquals(List.of("check-in", "quiz-1"), farm.read(ALICE, "daily-set", DAY).completed());
    }

    @Test
    void unmarkGivesAFailedActivityItsAttemptsBack() throws IOException {
        farm.day(BOB, "daily-set", DAY).completed("check-in").remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(DAY, "08:29:58"), 3, 3)
                .updated(at(DAY, "08:30:00")).write();
        assertTrue(farm.read(BOB, "daily-set", DAY).failures().get("quiz-2").gaveUp());

        Cli.Run unmark = farm.run("unmark", "--account", BOB, "--type", "daily-set", "--id", "quiz-2", "--date", DAY.toString());

        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertEquals(List.of("unmarked quiz-2 for bob@example.com daily-set on 2025-09-20: it runs again"), unmark.lines());
        assertNull(farm.read(BOB, "daily-set", DAY).failures().get("quiz-2"));
        assertEquals(List.of("quiz-2"), farm.read(BOB, "daily-set", DAY).remaining());
        assertEquals(List.of("check-in"), farm.read(BOB, "daily-set", DAY).completed());
        Cli.Run status = farm.run("status", "--date", DAY.toString(), "--account", BOB);
        assertTrue(status.lines().get(status.lines().size() - 1).endsWith(" · 0 failed"), status.describe());
    }

    @Test
    void resetDryRunListsTheFilesAndMovesNothing() {
        Cli.Run dry = farm.run("reset", "--account", BOB, "--all-dates", "--dry-run");

        assertEquals(0, dry.exitCode(), dry.describe());
        assertEquals(List.of("would reset 2 files:",
                "  bob@example.com/daily-set-2025-09-19.json",
                "  bob@example.com/daily-set-2025-09-20.json"), dry.lines());
        assertTrue(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));
    }

    @Test
    void resetMovesTheDaysFilesIntoATimestampedBackupFolder() {
        Cli.Run reset = farm.run("reset", "--account", BOB, "--date", DAY.toString());

        assertEquals(0, reset.exitCode(), reset.describe());
        Matcher head = Pattern.compile("reset 1 file; kept in (.+/\\.backup/(\\d{8}T\\d{6}Z)):").matcher(reset.lines().get(0));
        assertTrue(head.matches(), reset.describe());
        assertEquals(farm.state.resolve(".backup").resolve(head.group(2)).toString(), head.group(1));
        assertEquals("  .backup/" + head.group(2) + "/bob@example.com/daily-set-2025-09-20.json", reset.lines().get(1));
        assertEquals(2, reset.lines().size(), reset.describe());
        assertFalse(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));
        assertTrue(Files.exists(farm.state.resolve(".backup/" + head.group(2) + "/bob@example.com/daily-set-2025-09-20.json")));
        assertTrue(Files.exists(farm.fileOf(BOB, "daily-set", DAY.minusDays(1))), "only the day asked for");
    }

    @Test
    void resetOfAnAccountWithNoFilesSaysThereIsNothingToReset() {
        Cli.Run reset = farm.run("reset", "--account", "nobody@example.com", "--date", DAY.toString());

        assertEquals(0, reset.exitCode(), reset.describe());
        assertEquals(List.of("nothing to reset: no state files for nobody@example.com on 2025-09-20"), reset.lines());
    }

    @Test
    void resetPurgeWithoutATerminalOrYesIsRefusedAndDeletesNothing() {
        Cli.Run purge = farm.run("reset", "--account", BOB, "--all-dates", "--purge");

        assertEquals(2, purge.exitCode(), purge.describe());
        assertEquals("", purge.out());
        assertEquals(List.of("jobstate: --purge deletes 2 files for good; add --yes to confirm"), purge.errLines());
        assertTrue(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));
    }

    @Test
    void resetPurgeWithYesDeletesTheFiles() {
        Cli.Run purge = farm.run("reset", "--account", BOB, "--all-dates", "--purge", "--yes");

        assertEquals(0, purge.exitCode(), purge.describe());
        assertEquals(List.of("deleted 2 files:",
                "  bob@example.com/daily-set-2025-09-19.json",
                "  bob@example.com/daily-set-2025-09-20.json"), purge.lines());
        assertFalse(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));
        assertFalse(Files.exists(farm.fileOf(BOB, "daily-set", DAY.minusDays(1))));
        assertFalse(Files.exists(farm.state.resolve(".backup")), "nothing kept");
    }

    @Test
    void resetPurgeOnATerminalAsksAndDeletesOnlyOnYes() {
        List<String> asked = new ArrayList<>();
        Cli.Run declined = farm.run(new Console(true, question -> {
            asked.add(question);
            return "n";
        }), "reset", "--account", BOB, "--date", DAY.toString(), "--purge");

        assertEquals(0, declined.exitCode(), declined.describe());
        assertEquals(List.of("nothing deleted"), declined.lines());
        assertEquals(List.of("delete 1 state files of bob@example.com for good?"), asked);
        assertTrue(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));

        Cli.Run confirmed = farm.run(new Console(true, question -> " yes "),
                "reset", "--account", BOB, "--date", DAY.toString(), "--purge");
        assertEquals(0, confirmed.exitCode(), confirmed.describe());
        assertEquals(List.of("deleted 1 file:", "  bob@example.com/daily-set-2025-09-20.json"), confirmed.lines());
        assertFalse(Files.exists(farm.fileOf(BOB, "daily-set", DAY)));
    }

    @Test
    void pruneGoesByTheDateInTheNameSaysTheSpaceFreedAndADryRunRemovesNothing() throws IOException {
        // prune counts back from today by the real clock, as the command does: a farm of recent days only.
        TestFarm recent = new TestFarm(folder.resolve("recent"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path old = recent.write("bob@example.com/daily-set-" + today.minusDays(9) + ".json", "{\"completed\":[]}");
        Path kept = recent.write("bob@example.com/daily-set-" + today.minusDays(2) + ".json", "{\"completed\":[]}");

        Cli.Run dry = recent.run("prune", "--older-than", "7d", "--dry-run");

        assertEquals(0, dry.exitCode(), dry.describe());
        assertEquals(List.of("would remove bob@example.com/daily-set-" + today.minusDays(9) + ".json",
                "would remove 1 file dated before " + today.minusDays(7) + ", would free 16 B"), dry.lines());
        assertTrue(Files.exists(old));

        Cli.Run prune = recent.run("prune", "--older-than", "1w");

        assertEquals(0, prune.exitCode(), prune.describe());
        assertEquals(List.of("removed bob@example.com/daily-set-" + today.minusDays(9) + ".json",
                "removed 1 file dated before " + today.minusDays(7) + ", freed 16 B"), prune.lines());
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(kept));
    }

    @Test
    void pruneAlsoRemovesTheReleasesOfTheDaysItPrunesAndOldJournalsOfRunsThatEnded() throws IOException {
        TestFarm recent = new TestFarm(folder.resolve("recent"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        recent.write("bob@example.com/daily-set-" + today.minusDays(9) + ".json", "{\"completed\":[]}");
        Path oldRelease = recent.write("bob@example.com/.released-" + today.minusDays(9) + ".json", "{}");
        Path keptRelease = recent.write("bob@example.com/.released-" + today.minusDays(2) + ".json", "{}");
        Path otherDotFile = recent.write("bob@example.com/.released-notes.json", "{}");
        Path oldJournal = recent.write(".runs/1-1.log", "");
        Files.setLastModifiedTime(oldJournal, FileTime.from(today.minusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant()));
        Path recentJournal = recent.write(".runs/2-2.log", "");

        Cli.Run prune = recent.run("prune", "--older-than", "1w");

        assertEquals(0, prune.exitCode(), prune.describe());
        assertFalse(Files.exists(oldRelease));
        assertTrue(Files.exists(keptRelease));
        assertTrue(Files.exists(otherDotFile), "not a release of a day: not prune's");
        assertFalse(Files.exists(oldJournal));
        assertTrue(Files.exists(recentJournal), "a recent run's journal still tells status about it");
    }

    @Test
    void pruneRefusesAnAgeItCannotRead() {
        Cli.Run prune = farm.run("prune", "--older-than", "7x");

        assertEquals(2, prune.exitCode(), prune.describe());
        assertEquals(List.of("jobstate: --older-than '7x' is not an age like 7d or 2w"), prune.errLines());
    }

    @Test
    void verifyCountsTheFilesOfAHealthyFolder() {
        Cli.Run verify = farm.run("verify");

        assertEquals(0, verify.exitCode(), verify.describe());
        assertEquals(List.of("3 state files checked, 0 problems"), verify.lines());
    }

    @Test
    void verifyListsEachCorruptFileWithItsReasonAndRepairSetsItAside() throws IOException {
        farm.write("bob@example.com/mobile-search-2025-09-20.json", "{\"completed\": \"oops\"}");

        Cli.Run verify = farm.run("verify");

        assertEquals(1, verify.exitCode(), verify.describe());
        assertEquals(List.of("bob@example.com/mobile-search-2025-09-20.json: \"completed\" is not an array",
                "4 state files checked, 1 problem"), verify.lines());

        Cli.Run repair = farm.run("verify", "--repair");
        assertEquals(0, repair.exitCode(), repair.describe());
        assertTrue(repair.lines().get(0).matches("bob@example\\.com/mobile-search-2025-09-20\\.json: \"completed\" is not an"
                + " array \\(kept as mobile-search-2025-09-20\\.json\\.corrupt-.+\\)"), repair.describe());
        assertEquals("4 state files checked, 1 problem, 1 set aside", repair.lines().get(1));

        assertEquals(List.of("3 state files checked, 0 problems"), farm.run("verify").lines());
    }
}
