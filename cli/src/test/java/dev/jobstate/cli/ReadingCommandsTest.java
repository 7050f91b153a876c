package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status}, {@code history} and {@code report} on a state folder, run in process. */
class ReadingCommandsTest {

    /** A fixed day in the past, asked for by {@code --date}: what status says of it never changes. */
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");

    @TempDir
    Path folder;

    private TestFarm farm;

    /** alice: daily-set 2/3 with quiz-2 failing; bob: daily-set all done; alice the day before: all done. */
    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder);
        farm.day("alice@example.com", "daily-set", DAY).completed("check-in", "quiz-1").remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(DAY, "08:29:58"), 2)
                .updated(at(DAY, "08:30:00")).write();
        farm.day("bob@example.com", "daily-set", DAY).completed("check-in", "quiz-1", "quiz-2")
                .updated(at(DAY, "07:00:00")).write();
        farm.day("alice@example.com", "daily-set", DAY.minusDays(1)).completed("check-in", "quiz-1", "quiz-2")
                .updated(at(DAY.minusDays(1), "07:00:00")).write();
    }

    @Test
    void statusListsEachAccountsDoneAndFailedActivitiesThenTheTotals() {
        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals(List.of(
                "ACCOUNT            TYPE       DONE    RATE  FAILED  LAST UPDATE",
                "alice@example.com  daily-set   2/3   66.7%       1  08:30:00",
                "bob@example.com    daily-set   3/3  100.0%       0  07:00:00",
                "",
                "Failed",
                "  ✗ alice@example.com daily-set quiz-2: java.io.IOException: timeout (2 attempts, last 08:29:58)",
                "",
                "Total 5/6 activities completed (83.3%) · 1 of 2 accounts done · 1 failed"), status.lines());
        assertEquals("", status.err());
    }

    @Test
    void statusNarrowsToOneAccountAndSaysWhenADayHasNoFiles() {
        Cli.Run bob = farm.run("status", "--date", DAY.toString(), "--account", "bob@example.com");
        assertEquals(List.of(
                "ACCOUNT          TYPE       DONE    RATE  FAILED  LAST UPDATE",
                "bob@example.com  daily-set   3/3  100.0%       0  07:00:00",
                "",
                "Total 3/3 activities completed (100.0%) · 1 of 1 accounts done · 0 failed"), bob.lines());

        Cli.Run empty = farm.run("status", "--date", "2025-01-01");
        assertEquals(0, empty.exitCode(), empty.describe());
        assertEquals(List.of("No state files for 2025-01-01."), empty.lines());
    }

    @Test
    void statusCountsWhatTheDayBeforeHadAndThisDayHasNotStartedAsLeftToDo() throws IOException {
        LocalDate next = DAY.plusDays(1);
        // alice started two of yesterday's three and added one of her own; bob has no file yet today.
        farm.day("alice@example.com", "daily-set", next).completed("check-in", "bonus").remaining("quiz-1")
                .failed("quiz-1", "java.io.IOException", "timeout", at(next, "06:00:01"), 1)
                .updated(at(next, "06:00:02")).write();

        Cli.Run status = farm.run("status", "--date", next.toString());

        assertEquals(List.of(
                "ACCOUNT            TYPE                      DONE   RATE  FAILED  LAST UPDATE",
                "alice@example.com  daily-set  2/4 (1 not started)  50.0%       1  06:00:02",
                "bob@example.com    daily-set  0/3 (3 not started)   0.0%       0  -",
                "",
                "Failed",
                "  ✗ alice@example.com daily-set quiz-1: java.io.IOException: timeout (1 attempt, last 06:00:01)",
                "",
                "Total 2/7 activities completed (28.6%) · 0 of 2 accounts done · 1 failed · 4 not started"),
                status.lines());
    }

    @Test
    void statusJsonIsTheDocumentedFormat() {
        Cli.Run status = farm.run("status", "--json", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals("""
                {
                  "date" : "2025-09-20",
                  "rows" : [ {
                    "account" : "alice@example.com",
                    "type" : "daily-set",
                    "completed" : 2,
                    "known" : 3,
                    "notStarted" : 0,
                    "rate" : 0.6667,
                    "failed" : [ {
                      "id" : "quiz-2",
                      "exception" : "java.io.IOException",
                      "message" : "timeout",
                      "at" : "2025-09-20T08:29:58.000Z",
                      "attempts" : 2,
                      "maxAttempts" : 0,
                      "gaveUp" : false
                    } ],
                    "inDoubt" : [ ],
                    "interrupted" : 0,
                    "lastUpdate" : "2025-09-20T08:30:00.000Z",
                    "problem" : null
                  }, {
                    "account" : "bob@example.com",
                    "type" : "daily-set",
                    "completed" : 3,
                    "known" : 3,
                    "notStarted" : 0,
                    "rate" : 1.0,
                    "failed" : [ ],
                    "inDoubt" : [ ],
                    "interrupted" : 0,
                    "lastUpdate" : "2025-09-20T07:00:00.000Z",
                    "problem" : null
                  } ],
                  "quarantined" : [ ],
                  "totals" : {
                    "accounts" : 2,
                    "accountsDone" : 1,
                    "rows" : 2,
                    "completed" : 5,
                    "known" : 6,
                    "failed" : 1,
                    "gaveUp" : 0,
                    "notStarted" : 0,
                    "inDoubt" : 0,
                    "interrupted" : 0,
                    "unreadable" : 0,
                    "rate" : 0.8333
                  }
                }
                """, String.join("\n", status.lines()) + "\n");
        assertEquals("", status.err());
    }

    /** carol: quiz-2 failed its maxAttempts of 3 (given up), quiz-3 failed once of 3 (runs again). */
    private void carolGaveUp(LocalDate date) throws IOException {
        farm.day("carol@example.com", "daily-set", date).completed("check-in").remaining("quiz-2", "quiz-3")
                .failed("quiz-2", "java.io.IOException", "timeout", at(date, "10:29:58"), 3, 3)
                .failed("quiz-3", "java.lang.IllegalStateException", null, at(date, "10:15:00"), 1, 3)
                .updated(at(date, "10:30:00")).write();
    }

    @Test
    void statusSaysWhichFailedActivitiesJobstateGaveUpOn() throws IOException {
        carolGaveUp(DAY);

        Cli.Run status = farm.run("status", "--date", DAY.toString(), "--account", "carol@example.com");

        assertEquals(0, status.exitCode(), status.describe());
        assertEquals(List.of(
                "ACCOUNT            TYPE       DONE   RATE  FAILED  LAST UPDATE",
                "carol@example.com  daily-set   1/3  33.3%       2  10:30:00",
                "",
                "Failed",
                "  ✗ carol@example.com daily-set quiz-2: java.io.IOException: timeout (3 attempts, given up, last 10:29:58)",
                "  ✗ carol@example.com daily-set quiz-3: java.lang.IllegalStateException (1 attempt, last 10:15:00)",
                "",
                "Total 1/3 activities completed (33.3%) · 0 of 1 accounts done · 2 failed (1 given up)"), status.lines());
    }

    @Test
    void statusJsonSaysWhichFailedActivitiesJobstateGaveUpOn() throws IOException {
        carolGaveUp(DAY);

        Cli.Run status = farm.run("status", "--json", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.describe());
        JsonNode json = new ObjectMapper().readTree(status.out());
        JsonNode carol = json.at("/rows/2");
        assertEquals("carol@example.com", carol.get("account").textValue());
        assertEquals("quiz-2", carol.at("/failed/0/id").textValue());
        assertEquals(3, carol.at("/failed/0/attempts").intValue());
        assertEquals(3, carol.at("/failed/0/maxAttempts").intValue());
        assertTrue(carol.at("/failed/0/gaveUp").booleanValue());
        assertEquals("quiz-3", carol.at("/failed/1/id").textValue());
        assertEquals(3, carol.at("/failed/1/maxAttempts").intValue());
        assertFalse(carol.at("/failed/1/gaveUp").booleanValue());
        assertTrue(carol.at("/failed/1/gaveUp").isBoolean());
        assertFalse(json.at("/rows/0/failed/0/gaveUp").booleanValue(), "alice's quiz-2 has no cap");
        assertEquals(3, json.at("/totals/failed").intValue());
        assertEquals(1, json.at("/totals/gaveUp").intValue());
    }

    @Test
    void reportMarksTheActivitiesJobstateGaveUpOnToday() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        carolGaveUp(today);
        Path out = folder.resolve("out/report.html");

        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "2");

        assertEquals(0, report.exitCode(), report.describe());
        String html = Files.readString(out);
        assertTrue(html.contains("2 activities failed or left to do, 1 of them given up"), html);
        assertTrue(html.contains("<td>quiz-2</td><td><span class=\"pill gaveup\">given up</span></td><td>3</td>"),
                html);
        assertTrue(html.contains("<td>quiz-3</td><td><span class=\"pill failed\">failed</span></td><td>1</td>"), html);
    }

    @Test
    void reportSaysNothingOfGivingUpWhenNothingWasGivenUp() throws IOException {
        Path out = folder.resolve("out/report.html");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        farm.day("carol@example.com", "daily-set", today).remaining("quiz-2")
                .failed("quiz-2", "java.io.IOException", "timeout", at(today, "00:00:01"), 2, 3).write();

        assertEquals(0, farm.run("report", "--out", out.toString(), "--days", "2").exitCode());

        String html = Files.readString(out);
        assertFalse(html.contains("given up"), html);
        assertTrue(html.contains("pill failed\">failed"), html);
    }

    /**
     * Today, in a zone where it is noon so the date holds still: alice has not started yesterday's
     * quiz-1, bob's once activity "pay" started and never ended, and an account named like a script
     * failed often enough to be quarantined.
     */
    @Test
    void reportShowsTodayAsStatusCountsItEscaped() throws IOException {
        ZoneId zone = TestFarm.noonZone();
        farm.inZone(zone).withConfig(", \"quarantine\": {\"failuresPerDay\": 3}");
        LocalDate today = LocalDate.now(zone);
        Instant morning = LocalDateTime.of(today, LocalTime.of(8, 0)).atZone(zone).toInstant();
        String script = "<script>x</script>";
        farm.day("alice@example.com", "daily-set", today.minusDays(1)).completed("check-in", "quiz-1").write();
        farm.day("alice@example.com", "daily-set", today).completed("check-in").updated(morning).write();
        Path pay = farm.fileOf("bob@example.com", "payments", today);
        Files.createDirectories(pay.getParent());
        Files.writeString(pay, "{\"date\": \"" + today + "\", \"account\": \"bob@example.com\", \"type\": \"payments\","
                + " \"completed\": [], \"remaining\": [\"pay\"], \"lastUpdate\": \"" + morning + "\","
                + " \"started\": {\"pay\": \"" + morning + "\"}}");
        farm.day(script, "daily-set", today).completed("check-in").remaining("quiz-1")
                .failed("quiz-1", "java.io.IOException", "<b>timeout</b>", morning, 3, 3).updated(morning).write();
        Path out = folder.resolve("out/report.html");

        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "2");
        Cli.Run status = farm.run("status");

        assertEquals(0, report.exitCode(), report.describe());
        String html = Files.readString(out);
        String totals = "2/5 activities completed (40.0%) · 0 of 3 accounts done · 1 failed (1 given up)"
                + " · 1 not started · 1 in doubt · 1 quarantined";
        assertEquals("Total " + totals, status.lines().get(status.lines().size() - 1), status.describe());
        assertTrue(html.contains("<p class=\"totals\">" + totals + "</p>"), html);
        assertTrue(html.indexOf("id=\"status\"") < html.indexOf("id=\"heatmap\""), "near the top");
        assertTrue(html.contains("<tr><td>&lt;script&gt;x&lt;/script&gt;</td><td>3</td></tr>"), "quarantined: " + html);
        assertTrue(html.contains("<tr><td>bob@example.com</td><td>payments</td><td>pay</td><td>" + today
                + " 08:00:00</td></tr>"), "in doubt: " + html);
        assertTrue(html.contains("Settle with <code>jobstate mark</code> (it happened) or <code>jobstate unmark</code>"
                + " (run it again)"), html);
        List<String> worstFirst = List.of(
                "<tr><td>bob@example.com</td><td>payments</td><td>0/1</td><td>0.0%</td><td></td><td></td><td></td></tr>",
                "<tr><td>&lt;script&gt;x&lt;/script&gt;</td><td>daily-set</td><td>1/2</td><td>50.0%</td><td></td>"
                        + "<td></td><td class=\"err\">1 (1 given up)</td></tr>",
                "<tr><td>alice@example.com</td><td>daily-set</td><td>1/2</td><td>50.0%</td><td>1</td><td></td>"
                        + "<td></td></tr>");
        int at = html.indexOf("Left to do, per account and type");
        for (String row : worstFirst) {
            int next = html.indexOf(row, at);
            assertTrue(next > at, row + " after the one before in " + html);
            at = next;
        }
        assertFalse(html.contains("<script") || html.contains("<b>timeout"), "a name from a state file is text: " + html);
        assertTrue(html.contains("&lt;b&gt;timeout&lt;/b&gt;"), html);
    }

    @Test
    void statusFailsWithExitCodeOneWhenAFileCannotBeRead() throws IOException {
        farm.write("carol@example.com/daily-set-" + DAY + ".json", "{\"completed\": \"oops\"}");

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertEquals(1, status.exitCode(), status.describe());
        assertTrue(status.lines().contains(
                "carol@example.com  daily-set     -       -       -  unreadable: \"completed\" is not an array"),
                status.describe());
        assertTrue(status.lines().get(status.lines().size() - 1).endsWith(" · 1 unreadable"), status.describe());
    }

    @Test
    void historyShowsEachDayOfTheAccountAndTheActivitiesThatFailMost() throws IOException {
        // history ends today, by the real clock as the command reads it: days before today are safely in the past.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        farm.day("carol@example.com", "daily-set", today.minusDays(2)).completed("check-in", "quiz-1")
                .remaining("quiz-2").failed("quiz-2", "java.io.IOException", "timeout", at(today.minusDays(2), "06:00:00"), 2)
                .updated(at(today.minusDays(2), "06:00:00")).write();
        farm.day("carol@example.com", "daily-set", today.minusDays(1)).completed("check-in", "quiz-1", "quiz-2")
                .failed("quiz-2", "java.io.IOException", "reset by peer", at(today.minusDays(1), "06:15:00"), 1)
                .updated(at(today.minusDays(1), "06:30:00")).write();

        Cli.Run history = farm.run("history", "--account", "carol@example.com", "--days", "3");

        assertEquals(0, history.exitCode(), history.describe());
        assertEquals(List.of(
                "carol@example.com, " + today.minusDays(2) + " to " + today,
                "",
                "DATE        DONE    RATE                        FAILURES",
                today.minusDays(2) + "   2/3   66.7%  #############.......         2",
                today.minusDays(1) + "   3/3  100.0%  ####################         1",
                today + "     -       -",
                "",
                "Fails most",
                "TYPE       ACTIVITY  FAILURES  DAYS  LAST ERROR",
                "daily-set  quiz-2           3     2  " + today.minusDays(1) + " 06:15 java.io.IOException: reset by peer"),
                history.lines());
    }

    @Test
    void historyOfAnAccountWithNoFilesIsAProblemNotAnEmptyTable() {
        Cli.Run history = farm.run("history", "--account", "nobody@example.com");

        assertEquals(1, history.exitCode(), history.describe());
        assertEquals("", history.out());
        assertEquals(List.of("jobstate: no state files for account 'nobody@example.com' in the last 30 days"),
                history.errLines());
    }

    @Test
    void reportWritesOneSelfContainedHtmlFileAndSaysWhatItCovered() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        farm.day("carol@example.com", "daily-set", today.minusDays(1)).completed("check-in").remaining("quiz-1")
                .failed("quiz-1", "java.io.IOException", "timeout", at(today.minusDays(1), "06:00:00"), 1)
                .updated(at(today.minusDays(1), "06:00:00")).write();
        Path out = folder.resolve("out/report.html");

        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "7");

        assertEquals(0, report.exitCode(), report.describe());
        assertEquals(List.of("wrote " + out + ": 1 accounts, 1 state files, " + today.minusDays(6) + " to " + today),
                report.lines());
        String html = Files.readString(out);
        assertTrue(html.contains("<svg") && html.contains("carol@example.com") && html.contains("quiz-1"), html);
        assertFalse(html.contains("<script"), "no script");
    }

    @Test
    void reportCountsUnreadableFilesAndFailsWithExitCodeOne() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        farm.write("carol@example.com/daily-set-" + today.minusDays(1) + ".json", "{\"completed\": [");
        Path out = folder.resolve("report.html");

        Cli.Run report = farm.run("report", "--out", out.toString(), "--days", "2");

        assertEquals(1, report.exitCode(), report.describe());
        assertEquals("1 state files could not be read; run jobstate verify", report.lines().get(1));
        assertTrue(Files.exists(out), "the report is written all the same");
    }

    static Instant at(LocalDate date, String time) {
        return Instant.parse(date + "T" + time + "Z");
    }
}
