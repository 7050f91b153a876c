package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise users rely on, end to end: what completed today is skipped on the next run and its
 * result replayed, what was interrupted or failed runs again, and the files say so.
 */
class ResumeIT {

    static final List<String> ACCOUNTS = List.of("alice@example.com", "bob@example.com", "carol@example.com");
    static final List<String> DAILY_SET = List.of("check-in", "quiz-q1", "quiz-q2", "quiz-q3", "poll-p1",
            "streak-bonus", "daily-bonus", "mark-seen");
    /** Every activity one account's thread runs, in the order it runs them (mobile ones on a pool). */
    static final List<String> PER_ACCOUNT = Stream.of(DAILY_SET,
            List.of("search-1", "search-2", "promo-spring", "promo-summer", "mobile-1", "mobile-2", "redeem-gift-card"))
            .flatMap(List::stream).toList();

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void secondRunSkipsEverythingAndReplaysTheFirstRunsResults(Jdk jdk, TestInfo test) throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        String accounts = "--accounts=" + String.join(",", ACCOUNTS);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", accounts, "--run=1").run();
        assertCleanExit(first);
        for (String account : ACCOUNTS) {
            for (String id : PER_ACCOUNT) {
                assertTrue(first.ran().contains(account + " " + id), () -> account + " " + id + " did not run\n"
                        + first.describe());
            }
        }
        assertEquals(ACCOUNTS.size() * PER_ACCOUNT.size() + 1, first.ran().size(), first::describe);

        for (String account : ACCOUNTS) {
            StateFile daily = ws.state(account, "daily-set");
            assertOriginalFormat(daily, account, "daily-set");
            assertEquals(DAILY_SET, daily.completed(), "completion order");
            assertEquals(List.of(), daily.remaining());
            assertEquals(101, daily.result("check-in").intValue(), daily::toString);
            assertEquals("B-run1", daily.result("quiz-q2").path("choice").asText(), daily::toString);
            assertEquals("q2", daily.result("quiz-q2").path("offerId").asText(), daily::toString);
            JsonNode streak = daily.result("streak-bonus");
            assertTrue(streak != null && streak.isNull(), () -> "a returned null is recorded as null\n" + daily);
            assertTrue(daily.result("daily-bonus").booleanValue(), daily::toString);
            assertEquals(null, daily.result("mark-seen"), "a void activity records no result");

            StateFile search = ws.state(account, "desktop-search");
            assertOriginalFormat(search, account, "desktop-search");
            assertEquals(List.of("search-1", "search-2"), search.completed());
            assertEquals(2, search.result("search-1").size(), search::toString);

            StateFile promotions = ws.state(account, "promotions");
            assertEquals(Set.of("promo-spring", "promo-summer", "redeem-gift-card"), Set.copyOf(promotions.completed()),
                    "the redeem call names its account by its @Account parameter");
            StateFile mobile = ws.state(account, "mobile-search");
            assertEquals(Set.of("mobile-1", "mobile-2"), Set.copyOf(mobile.completed()),
                    "the mobile session names its account by its @Account field, on a pool thread");
        }
        assertEquals(List.of("cleanup"), ws.state("default", "maintenance").completed(),
                "an activity with no account anywhere belongs to \"default\"");
        assertEquals(sorted(Stream.concat(ACCOUNTS.stream(), Stream.of("default")).toList()), folders(ws.stateDir()));
        assertEquals(List.of(), ws.tempFiles());

        Map<Path, byte[]> before = snapshot(ws.stateDir());
        Result second = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", accounts, "--run=2").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), () -> "nothing is left to do today\n" + second.describe());
        assertEquals(first.acked(), second.acked(),
                "every skipped call returns what the first run's call returned (101, not 102; B-run1; null; true)");
        assertTrue(second.acked().get("alice@example.com check-in").equals("101"), second::describe);
        assertEquals(before.keySet(), snapshot(ws.stateDir()).keySet());
        snapshot(ws.stateDir()).forEach((file, bytes) ->
                assertTrue(Arrays.equals(before.get(file), bytes), () -> "a run that skips everything"
                        + " rewrote " + file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aHaltInsideAnActivityLosesNothingThatCompletedAndRunsTheInterruptedOneAgain(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result crashed = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=1", "--halt=quiz-q2").run();
        assertEquals(1, crashed.exitCode(), crashed::describe);
        assertEquals(List.of("alice@example.com check-in", "alice@example.com quiz-q1", "alice@example.com quiz-q2"),
                crashed.ran(), crashed::describe);
        assertEquals(List.of("alice@example.com check-in", "alice@example.com quiz-q1"),
                List.copyOf(crashed.acked().keySet()), crashed::describe);
        StateFile afterCrash = ws.state("alice@example.com", "daily-set");
        assertEquals(List.of("check-in", "quiz-q1"), afterCrash.completed(),
                "what returned before the crash is saved; the interrupted activity is not");
        assertEquals(List.of(), ws.tempFiles());

        Result resumed = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=2").run();
        assertCleanExit(resumed);
        List<String> ranAgain = resumed.ran().stream().map(l -> l.split(" ")[1]).toList();
        assertFalse(ranAgain.contains("check-in") || ranAgain.contains("quiz-q1"), resumed::describe);
        assertEquals("quiz-q2", ranAgain.get(0), "the interrupted activity runs again, first");
        assertTrue(ranAgain.containsAll(PER_ACCOUNT.subList(2, PER_ACCOUNT.size())), resumed::describe);
        assertEquals("101", resumed.acked().get("alice@example.com check-in"), "replayed from the crashed run");
        assertEquals("B-run2", ws.state("alice@example.com", "daily-set").result("quiz-q2").path("choice").asText(),
                "quiz-q2 completed in the second run");
        assertEquals(DAILY_SET, ws.state("alice@example.com", "daily-set").completed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aTempFileLeftByAKilledWriteIsGoneAfterTheNextStartEvenIfThatRunOnlySkips(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        assertCleanExit(ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=1").run());
        Path daily = ws.stateFile("alice@example.com", "daily-set");
        byte[] before = Files.readAllBytes(daily);
        // What a SIGKILL between writing a temp file and renaming it leaves behind.
        Path leftover = Files.write(daily.resolveSibling("." + daily.getFileName() + ".5eed.tmp"),
                Arrays.copyOf(before, before.length / 2));

        Result skipping = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=2").run();

        assertCleanExit(skipping);
        assertEquals(List.of(), skipping.ran(), "everything was done: nothing writes the folder this run");
        assertFalse(Files.exists(leftover), "cleaned up at start, not only when the folder is next written");
        assertEquals(List.of(), ws.tempFiles());
        assertArrayEquals(before, Files.readAllBytes(daily), "the state file itself is untouched");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aFailedActivityIsRecordedWithItsFailureRetriedNextRunAndCompletedWhenItSucceeds(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        String account = "alice@example.com";
        String expired = "bots.RewardsBot$OfferExpiredException";

        Result failing = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=1", "--fail=promo-spring").run();
        assertCleanExit(failing);
        assertEquals(List.of(account + " promo-spring " + expired + " same=true offer spring expired at 09:00"),
                failing.lines("CAUGHT"), "the bot's own exception reaches it unchanged: class, message, identity");
        StateFile promotions = ws.state(account, "promotions");
        assertEquals(List.of("promo-spring"), promotions.remaining(), promotions::toString);
        assertFalse(promotions.completed().contains("promo-spring"), "a failed activity is never marked done");
        assertTrue(promotions.completed().containsAll(List.of("promo-summer", "redeem-gift-card")),
                "activities after the failure carry on");
        JsonNode failure = promotions.failure("promo-spring");
        assertNotNull(failure, promotions::toString);
        assertEquals(expired, failure.path("exception").asText());
        assertEquals("offer spring expired at 09:00", failure.path("message").asText());
        assertEquals(1, failure.path("attempts").asInt());
        assertTrue(failure.path("lastFailure").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                failure::toString);

        Result failsAgain = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=2", "--fail=promo-spring").run();
        assertCleanExit(failsAgain);
        assertEquals(List.of(account + " promo-spring"), failsAgain.ran(), "only the failed activity is retried");
        assertEquals(1, failsAgain.lines("CAUGHT").size(), failsAgain::describe);
        StateFile twice = ws.state(account, "promotions");
        assertEquals(List.of("promo-spring"), twice.remaining(), "listed once however often it failed");
        assertEquals(2, twice.failure("promo-spring").path("attempts").asInt(), twice::toString);

        Result succeeds = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=3").run();
        assertCleanExit(succeeds);
        assertEquals(List.of(account + " promo-spring"), succeeds.ran(), succeeds::describe);
        assertEquals("coupon-spring-run3", succeeds.acked().get(account + " promo-spring"));
        StateFile done = ws.state(account, "promotions");
        assertEquals(List.of(), done.remaining(), done::toString);
        assertEquals("promo-spring", done.completed().get(done.completed().size() - 1), done::toString);
        assertEquals(1, done.completed().stream().filter("promo-spring"::equals).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aFileInTheOriginalFormatIsHonouredAndSkippedCallsWithNoRecordedResultReturnZeroWithAWarningEach(
            Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        String account = "alice@example.com";
        // What a script that predates jobstate wrote: the original six fields, no results.
        ws.write(ws.dir.relativize(ws.stateFile(account, "daily-set")).toString(), """
                {
                  "date": "%s",
                  "account": "alice@example.com",
                  "type": "daily-set",
                  "completed": ["check-in", "quiz-q1", "streak-bonus", "mark-seen"],
                  "remaining": ["quiz-q2"],
                  "lastUpdate": "2025-09-20T10:30:00.000Z"
                }
                """.formatted(Zones.today()));

        Result result = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--run=1").run();
        assertEquals(0, result.exitCode(), result::describe);
        List<String> ran = result.ran().stream().map(l -> l.split(" ")[1]).toList();
        for (String done : List.of("check-in", "quiz-q1", "streak-bonus", "mark-seen")) {
            assertFalse(ran.contains(done), () -> done + " is completed in the file\n" + result.describe());
        }
        assertTrue(ran.containsAll(List.of("quiz-q2", "quiz-q3", "poll-p1", "daily-bonus")), result::describe);
        assertEquals("0", result.acked().get(account + " check-in"), "a skipped int with no result returns 0");
        assertEquals("null", result.acked().get(account + " quiz-q1"));
        assertEquals("null", result.acked().get(account + " streak-bonus"));
        assertEquals(List.of(), result.foreignStderr(), result::describe);
        List<String> warnings = result.ourLines("WARN");
        assertEquals(3, warnings.size(), () -> "one warning per method that replays nothing (not mark-seen, it is void)\n"
                + result.describe());
        for (String id : List.of("check-in", "quiz-q1", "streak-bonus")) {
            assertEquals(1, warnings.stream().filter(w -> w.contains(id)).count(), () -> id + ": " + warnings);
        }
        assertEquals(warnings.size(), result.stderr().size(), result::describe);

        StateFile daily = ws.state(account, "daily-set");
        assertOriginalFormat(daily, account, "daily-set");
        assertEquals(List.of("check-in", "quiz-q1", "streak-bonus", "mark-seen", "quiz-q2", "quiz-q3", "poll-p1",
                "daily-bonus"), daily.completed(), "completion order: the file's first, then this run's");
        assertEquals(List.of(), daily.remaining());
    }

    /** Exit 0, and not a line on stderr: a normal run under the agent is silent on every JDK. */
    static void assertCleanExit(Result result) {
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of(), result.stderr(), () -> "a normal run prints nothing on stderr\n" + result.describe());
        assertTrue(result.stdout().contains("DONE"), result::describe);
    }

    static void assertOriginalFormat(StateFile file, String account, String type) {
        assertEquals(StateFile.ORIGINAL_FIELDS, file.fieldNames().subList(0, 6), () -> "the original six fields first\n" + file);
        assertEquals(Zones.today().toString(), file.text("date"));
        assertEquals(account, file.text("account"));
        assertEquals(type, file.text("type"));
        assertTrue(file.text("lastUpdate").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), file::toString);
    }

    static List<String> folders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Path file : Workspace.filesEndingWith(dir, ".json")) {
            files.put(file, Files.readAllBytes(file));
        }
        return files;
    }

    static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(new HashSet<>(names));
        copy.sort(null);
        return copy;
    }
}
