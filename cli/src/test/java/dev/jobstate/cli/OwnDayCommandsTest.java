package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands' "today" is each account's own, as {@code jobState.accounts} sets it. The two zones
 * are 25 hours apart, so at any instant their dates differ; each account also has a file of the
 * other's date, which is not its today.
 */
class OwnDayCommandsTest {

    private static final String EAST = "a@east.example";
    private static final String WEST = "b@west.example";

    @TempDir
    Path folder;

    private TestFarm farm;
    private LocalDate eastToday;
    private LocalDate westToday;

    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder).withConfig(", \"accounts\": {\"*@east.example\": {\"timezone\": \"Pacific/Kiritimati\"},"
                + " \"*@west.example\": {\"timezone\": \"Pacific/Pago_Pago\", \"dayStartsAt\": \"00:00\"}}");
        eastToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        westToday = LocalDate.now(ZoneId.of("Pacific/Pago_Pago"));
        assertNotEquals(eastToday, westToday);
        farm.day(EAST, "daily-set", eastToday).completed("check-in").remaining("east-todo").write();
        farm.day(EAST, "daily-set", westToday).completed("check-in", "quiz-1", "quiz-2").write();
        farm.day(WEST, "daily-set", westToday).completed("check-in", "quiz-1").write();
        farm.day(WEST, "daily-set", eastToday).remaining("west-stale").write();
    }

    @Test
    void statusShowsEachAccountsOwnTodayAndSaysSo() {
        Cli.Run status = farm.run("status");

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals("Each account's own today (jobState.accounts); other accounts: " + LocalDate.now(ZoneOffset.UTC),
                status.lines().get(0), status.describe());
        // East's own today has one done of its two, and what its day before had and today has not started.
        assertTrue(status.lines().stream().anyMatch(l -> l.startsWith(EAST) && l.contains(" 1/")), status.describe());
        assertTrue(status.lines().stream().anyMatch(l -> l.startsWith(WEST) && l.contains(" 2/2 ")), status.describe());
        assertFalse(status.lines().stream().anyMatch(l -> l.contains("3/3") || l.contains("0/1")), status.describe());
        assertEquals(2, status.lines().stream().filter(l -> l.contains("daily-set")).count(), status.describe());
    }

    @Test
    void statusOfYesterdayIsEachAccountsOwnYesterday() {
        Cli.Run status = farm.run("status", "--date", "yesterday", "--json");

        assertEquals(0, status.exitCode(), status.describe());
        String json = String.join("\n", status.lines());
        // East's own yesterday is read with the day before it, whose ids not seen since are listed as not
        // started: east has a row when its only other file (west's today) is either. The two zones are
        // 25 hours apart, so between 10:00 and 11:00 UTC west's today is two days behind east's.
        boolean eastHasAFileThere = westToday.equals(eastToday.minusDays(1))
                || westToday.equals(eastToday.minusDays(2));
        assertEquals(eastHasAFileThere, json.contains("\"" + EAST + "\""), json);
        assertFalse(json.contains("\"" + WEST + "\""), "west has no file of the day before its today: " + json);
    }

    @Test
    void statusOfOneAccountAndMarkUseThatAccountsToday() throws IOException {
        Cli.Run status = farm.run("status", "--account", WEST);
        assertTrue(status.lines().stream().anyMatch(l -> l.startsWith(WEST) && l.contains(" 2/2 ")), status.describe());

        Cli.Run mark = farm.run("mark", "--account", EAST, "--type", "daily-set", "--id", "east-todo");
        assertEquals(0, mark.exitCode(), mark.describe());
        assertTrue(farm.read(EAST, "daily-set", eastToday).completed().contains("east-todo"), mark.describe());
    }

    @Test
    void historyEndsOnTheAccountsOwnToday() {
        Cli.Run history = farm.run("history", "--account", WEST, "--days", "1");

        assertEquals(0, history.exitCode(), history.describe());
        assertTrue(history.out().contains(westToday.toString()), history.describe());
        assertFalse(history.out().contains(eastToday.toString()), history.describe());
    }

    @Test
    void theReportListsWhatIsUnfinishedOnEachAccountsOwnToday() throws IOException {
        Path out = folder.resolve("report.html");
        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "3");

        assertEquals(0, report.exitCode(), report.describe());
        String html = Files.readString(out);
        assertTrue(html.contains("east-todo"), "unfinished on east's today");
        assertFalse(html.contains("west-stale"), "not west's today: not listed as unfinished");
    }

    @Test
    void theReportsTodayIsEachAccountsOwnCountedAsStatusCountsIt() throws IOException {
        Path out = folder.resolve("report.html");
        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "3");
        Cli.Run status = farm.run("status");

        assertEquals(0, report.exitCode(), report.describe());
        String html = Files.readString(out);
        assertTrue(html.contains("Each account's own today (<code>jobState.accounts</code>); other accounts: "
                + LocalDate.now(ZoneOffset.UTC)), html);
        String total = status.lines().get(status.lines().size() - 1);
        assertTrue(total.startsWith("Total "), status.describe());
        assertTrue(html.contains("<p class=\"totals\">" + total.substring("Total ".length()) + "</p>"),
                status.describe() + html);
    }
}
