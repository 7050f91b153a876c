package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each command of {@code java -jar jobstate.jar} against a prepared state folder, as an operator runs it. */
class CliIT {

    static final Jdk JDK = Jdk.all().findFirst().orElseThrow();
    static final LocalDate TODAY = Zones.today();
    static final LocalDate YESTERDAY = TODAY.minusDays(1);
    /** The farm's stamps are this long before noon today, local time in the tests' zone: never in the future. */
    static final Instant NOON_TODAY = Zones.at(TODAY, "12:00");
    static final Duration ALICE_UPDATED = Duration.parse("PT2H30M");
    static final Duration ALICE_FAILED = Duration.parse("PT2H30M1.88S");
    static final Duration BOB_UPDATED = Duration.parse("PT4H");
    static final Duration YESTERDAY_UPDATED = Duration.parse("PT28H");
    static final Duration YESTERDAY_FAILED = Duration.parse("PT28H1M");

    /** alice: daily-set 2/3 with quiz-2 failing; bob: daily-set all done; alice yesterday: all done. */
    static Workspace farm(TestInfo test) {
        return farm(test, NOON_TODAY);
    }

    /** {@link #farm(TestInfo)}, its stamps that long before {@code noon} instead. */
    static Workspace farm(TestInfo test, Instant noon) {
        Workspace ws = Workspace.fresh(test, JDK);
        ws.write("sessions/job-state/alice@example.com/daily-set-" + TODAY + ".json", """
                {"date":"%s","account":"alice@example.com","type":"daily-set",
                 "completed":["check-in","quiz-1"],"remaining":["quiz-2"],"lastUpdate":"%s",
                 "failures":{"quiz-2":{"exception":"java.io.IOException","message":"timeout",
                   "lastFailure":"%s","attempts":2}},
                 "durations":{"check-in":400,"quiz-1":1200}}
                """.formatted(TODAY, Zones.utc(noon.minus(ALICE_UPDATED)), Zones.utc(noon.minus(ALICE_FAILED))));
        ws.write("sessions/job-state/bob@example.com/daily-set-" + TODAY + ".json", """
                {"date":"%s","account":"bob@example.com","type":"daily-set",
                 "completed":["check-in","quiz-1","quiz-2"],"remaining":[],"lastUpdate":"%s",
                 "durations":{"check-in":300,"quiz-1":900,"quiz-2":1000}}
                """.formatted(TODAY, Zones.utc(noon.minus(BOB_UPDATED))));
        ws.write("sessions/job-state/alice@example.com/daily-set-" + YESTERDAY + ".json", """
                {"date":"%s","account":"alice@example.com","type":"daily-set",
                 "completed":["check-in","quiz-1","quiz-2"],"remaining":[],"lastUpdate":"%s",
                 "failures":{"quiz-2":{"exception":"java.io.IOException","message":"reset by peer",
                   "lastFailure":"%s","attempts":1}},
                 "durations":{"check-in":350,"quiz-1":1100,"quiz-2":1300}}
                """.formatted(YESTERDAY, Zones.utc(noon.minus(YESTERDAY_UPDATED)),
                        Zones.utc(noon.minus(YESTERDAY_FAILED))));
        return ws;
    }

    @Test
    void aStatusFromWhatItKeptIsTheStatusTheFilesGiveAndAReplacedFileIsReadAgain(TestInfo test) throws IOException {
        Workspace ws = farm(test);
        Path state = ws.dir.resolve("sessions/job-state");
        settle(state); // status keeps nothing changed less than 2 s before it runs
        Result first = Cli.run(ws.dir, "status", "--json");
        assertEquals(0, first.exitCode(), first.describe());
        assertTrue(Files.isRegularFile(state.resolve(".cache/status/folders")), "status kept what it read");

        Result again = Cli.run(ws.dir, "status", "--json");
        assertEquals(first.stdout(), again.stdout(), "from what it kept, the same status");

        // bob's file replaced as a bot replaces it: a new file renamed into place, quiz-2 to do again
        Path bob = state.resolve("bob@example.com/daily-set-" + TODAY + ".json");
        Path next = ws.write("sessions/job-state/bob@example.com/.next.tmp", Files.readString(bob)
                .replace("\"completed\":[\"check-in\",\"quiz-1\",\"quiz-2\"],\"remaining\":[]",
                        "\"completed\":[\"check-in\",\"quiz-1\"],\"remaining\":[\"quiz-2\"]"));
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(bob));
        Files.move(next, bob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Result changed = Cli.run(ws.dir, "status", "--json");
        assertFalse(changed.stdout().equals(first.stdout()), "bob's replaced file was read: " + changed.describe());

        deleteTree(state.resolve(".cache"));
        Result fromFiles = Cli.run(ws.dir, "status", "--json");
        assertEquals(fromFiles.stdout(), changed.stdout(), "the status the files give");
    }

    /** Every file and folder under {@code dir} stamped an hour ago. */
    private static void settle(Path dir) throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, anHourAgo);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void statusJsonIsExactlyTheDocumentedFormat(TestInfo test) {
        Workspace ws = farm(test);
        Result status = Cli.run(ws.dir, "status", "--json");
        assertEquals(0, status.exitCode(), status.describe());
        assertEquals("""
                {
                  "date" : "%1$s",
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
                      "at" : "%2$s",
                      "attempts" : 2,
                      "maxAttempts" : 0,
                      "gaveUp" : false
                    } ],
                    "inDoubt" : [ ],
                    "interrupted" : 0,
                    "lastUpdate" : "%3$s",
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
                    "lastUpdate" : "%4$s",
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
                """.formatted(TODAY, Zones.utc(NOON_TODAY.minus(ALICE_FAILED)), Zones.utc(NOON_TODAY.minus(ALICE_UPDATED)),
                        Zones.utc(NOON_TODAY.minus(BOB_UPDATED))),
                String.join("\n", status.stdout()) + "\n");
        assertEquals(List.of(), status.stderr());
    }

    @Test
    void historyIsExactlyTheDayLinesAndTheFailingActivities(TestInfo test) {
        Workspace ws = farm(test);
        Result history = Cli.run(ws.dir, "history", "--account", "alice@example.com", "--days", "3");
        assertEquals(0, history.exitCode(), history.describe());
        assertEquals(List.of(
                "alice@example.com, " + TODAY.minusDays(2) + " to " + TODAY,
                "",
                "DATE        DONE    RATE                        FAILURES",
                TODAY.minusDays(2) + "     -       -",
                YESTERDAY + "   3/3  100.0%  ####################         1",
                TODAY + "   2/3   66.7%  #############.......         2",
                "",
                "Fails most",
                "TYPE       ACTIVITY  FAILURES  DAYS  LAST ERROR",
                "daily-set  quiz-2           3     2  " + TODAY + " 09:29 java.io.IOException: timeout"),
                history.stdout());
    }

    @Test
    void exitCodesAndOneLineErrors(TestInfo test) {
        Workspace ws = farm(test);
        Result unknown = Cli.run(ws.dir, "status", "--bogus");
        assertEquals(2, unknown.exitCode(), unknown.describe());
        Result noDir = Cli.run(ws.dir, "status", "--dir", "nowhere");
        assertEquals(2, noDir.exitCode());
        assertEquals(1, noDir.stderr().size(), noDir.describe());
        assertTrue(noDir.stderr().get(0).startsWith("jobstate: no state folder at "), noDir.describe());
        Result badDate = Cli.run(ws.dir, "status", "--date", "tomorrowish");
        assertEquals(2, badDate.exitCode());
        assertEquals(List.of("jobstate: 'tomorrowish' is not a date: use today, yesterday or YYYY-MM-DD"), badDate.stderr());
        Result unmarkNothing = Cli.run(ws.dir, "unmark", "--account", "bob@example.com", "--type", "daily-set",
                "--id", "nope");
        assertEquals(1, unmarkNothing.exitCode());
        assertEquals(1, unmarkNothing.stderr().size());
        Result purge = Cli.run(ws.dir, "reset", "--account", "bob@example.com", "--purge");
        assertEquals(2, purge.exitCode(), "no terminal to confirm on and no --yes");
        assertTrue(Files.exists(ws.stateFile("bob@example.com", "daily-set")));
        for (String command : List.of("status", "history", "report", "reset", "mark", "unmark", "prune", "verify",
                "export", "import", "release", "serve", "attach")) {
            Result help = Cli.run(ws.dir, command, "--help");
            assertEquals(0, help.exitCode(), help.describe());
            assertTrue(help.stdout().get(0).startsWith("Usage: jobstate " + command), help.describe());
        }
    }

    @Test
    void markThenUnmarkRoundTrip(TestInfo test) {
        Workspace ws = farm(test);
        Result mark = Cli.run(ws.dir, "mark", "--account", "alice@example.com", "--type", "daily-set", "--id", "quiz-2");
        assertEquals(0, mark.exitCode(), mark.describe());
        assertEquals(List.of("check-in", "quiz-1", "quiz-2"), ws.state("alice@example.com", "daily-set").completed());
        assertEquals(List.of(), ws.state("alice@example.com", "daily-set").remaining());
        Result unmark = Cli.run(ws.dir, "unmark", "--account", "alice@example.com", "--type", "daily-set", "--id", "quiz-1");
        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertEquals(List.of("check-in", "quiz-2"), ws.state("alice@example.com", "daily-set").completed());
        assertEquals(List.of("quiz-1"), ws.state("alice@example.com", "daily-set").remaining());
    }

    @Test
    void reportIsOneParsableFileWithAChartPerSection(TestInfo test) throws Exception {
        Workspace ws = farm(test);
        Result report = Cli.run(ws.dir, "report", "--out", "out/report.html", "--days", "7");
        assertEquals(0, report.exitCode(), report.describe());
        byte[] html = Files.readAllBytes(ws.path("out/report.html"));
        String text = new String(html, StandardCharsets.UTF_8);
        assertFalse(text.contains("<script"), "no script");
        assertFalse(text.contains("http://") || text.contains("https://") || text.contains("src="), "nothing fetched");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html));
        assertEquals(1, svgsIn(doc, "heatmap"));
        assertEquals(1, svgsIn(doc, "failing"));
        assertEquals(1, svgsIn(doc, "durations"), "one type, one duration chart");
        assertTrue(text.contains("quiz-2") && text.contains("timeout"), "today's failed activity is listed");
    }

    private static int svgsIn(Document doc, String sectionId) {
        NodeList sections = doc.getElementsByTagName("section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            if (section.getAttribute("id").equals(sectionId)) {
                return section.getElementsByTagName("svg").getLength();
            }
        }
        throw new AssertionError("no section " + sectionId);
    }

    @Test
    void verifyReportsCorruptFilesAndRepairSetsThemAside(TestInfo test) {
        Workspace ws = farm(test);
        ws.write("sessions/job-state/bob@example.com/mobile-search-" + TODAY + ".json", "{\"completed\": \"oops\"}");
        ws.write("sessions/job-state/bob@example.com/desktop-search-" + TODAY + ".json", "{\"completed\": [\"a\"");
        Result verify = Cli.run(ws.dir, "verify");
        assertEquals(1, verify.exitCode(), verify.describe());
        assertTrue(verify.stdout().contains("bob@example.com/mobile-search-" + TODAY + ".json: \"completed\" is not an array"),
                verify.describe());
        assertTrue(verify.stdout().stream().anyMatch(l -> l.startsWith("bob@example.com/desktop-search-" + TODAY
                + ".json: not valid JSON")), verify.describe());
        assertEquals("5 state files checked, 2 problems", verify.stdout().get(verify.stdout().size() - 1));

        Result repair = Cli.run(ws.dir, "verify", "--repair");
        assertEquals(0, repair.exitCode(), repair.describe());
        assertEquals(2, Workspace.filesEndingWith(ws.stateDir(), "Z").size() + corruptCopies(ws.stateDir()) - 2);
        Result again = Cli.run(ws.dir, "verify");
        assertEquals(0, again.exitCode(), again.describe());
        assertEquals(List.of("3 state files checked, 0 problems"), again.stdout());
    }

    private static int corruptCopies(Path dir) {
        try (var files = Files.walk(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().contains(".corrupt-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pruneGoesByTheDateInTheName(TestInfo test) {
        Workspace ws = farm(test);
        ws.write("sessions/job-state/bob@example.com/daily-set-" + TODAY.minusDays(9) + ".json",
                "{\"completed\":[]}");
        Result dry = Cli.run(ws.dir, "prune", "--older-than", "7d", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.describe());
        assertTrue(Files.exists(ws.stateFile("bob@example.com", "daily-set", TODAY.minusDays(9))));
        Result prune = Cli.run(ws.dir, "prune", "--older-than", "7d");
        assertEquals(List.of("removed bob@example.com/daily-set-" + TODAY.minusDays(9) + ".json",
                "removed 1 file dated before " + TODAY.minusDays(7) + ", freed 16 B"), prune.stdout());
        assertFalse(Files.exists(ws.stateFile("bob@example.com", "daily-set", TODAY.minusDays(9))));
        assertTrue(Files.exists(ws.stateFile("alice@example.com", "daily-set", YESTERDAY)));
    }
}
