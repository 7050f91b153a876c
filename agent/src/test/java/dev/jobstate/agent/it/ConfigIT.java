package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the agent finds the bot's config, what the keys do, and what a bad config does to the host. */
class ConfigIT {

    static final String ALICE = "alice@example.com";
    /** What one RewardsBot run with one account runs: its activities, then the clean-up. */
    static final int ACTIVITIES = ResumeIT.PER_ACCOUNT.size() + 1;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void configIsTheAgentArgumentElseThePropertyElseSrcConfigJsonElseConfigJsonElseDefaults(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("conf/bot.json", """
                {"browser": {"headless": true}, "jobState": {"dir": "state-from-argument",
                 "defaultAccount": "ops@example.com"}}""");
        ws.write("conf/prop.json", """
                {"jobState": {"dir": "state-from-property"}}""");
        ws.write("src/config.json", """
                {"accounts": [{"email": "x@example.com"}], "jobState": {"enabled": true, "dir": "state-from-src"},
                 "someFutureKey": [1, 2, 3]}""");
        ws.write("config.json", """
                {"sessionPath": "data/sessions", "jobState": {"dir": ""}}""");
        List<String> candidates = List.of("state-from-argument", "state-from-property", "state-from-src",
                "data/sessions/job-state", "sessions/job-state");

        Result byArgument = ChildJvm.on(jdk, ws.dir).agentArgs("config=conf/bot.json")
                .property("jobstate.config", "conf/prop.json").run();
        assertCleanExit(byArgument);
        assertOnlyStateDir(ws, candidates, "state-from-argument");
        assertTrue(Files.isRegularFile(ws.path("state-from-argument/ops@example.com")
                        .resolve("maintenance-" + Zones.today() + ".json")),
                "jobState.defaultAccount names the account of activities that have none");

        Result byProperty = ChildJvm.on(jdk, ws.dir).property("jobstate.config", "conf/prop.json").run();
        assertCleanExit(byProperty);
        assertEquals(ACTIVITIES, byProperty.ran().size(), "a new state folder: everything runs");
        assertOnlyStateDir(ws, candidates, "state-from-argument", "state-from-property");

        Result bySrc = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(bySrc);
        assertOnlyStateDir(ws, candidates, "state-from-argument", "state-from-property", "state-from-src");

        delete(ws.path("src/config.json"));
        Result byRoot = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(byRoot);
        assertOnlyStateDir(ws, candidates, "state-from-argument", "state-from-property", "state-from-src",
                "data/sessions/job-state");

        delete(ws.path("config.json"));
        Result byDefaults = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(byDefaults);
        assertOnlyStateDir(ws, candidates, candidates.toArray(String[]::new));
        assertEquals(ACTIVITIES, byDefaults.ran().size(), byDefaults::describe);
        assertTrue(Files.isRegularFile(ws.stateFile("default", "maintenance")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void disabledWritesNothingInstrumentsNothingAndRunsEverythingEveryTime(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("config.json", """
                {"jobState": {"enabled": false, "dir": "state"}}""");
        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).debug()
                    .main("bots.RewardsBot", "--run=" + run, "--fail=promo-spring").run();
            assertEquals(0, result.exitCode(), result::describe);
            assertEquals(ACTIVITIES, result.ran().size(), result::describe);
            assertEquals(List.of(ALICE + " promo-spring bots.RewardsBot$OfferExpiredException same=true"
                    + " offer spring expired at 09:00"), result.lines("CAUGHT"));
            assertEquals(String.valueOf(100 + run), result.acked().get(ALICE + " check-in"), "computed, not replayed");
            assertEquals(List.of(), result.foreignStderr(), result::describe);
            // Debugging is on, so the premain's "attached" line comes first.
            List<String> said = result.stderr().stream().filter(l -> !l.contains("DEBUG attached")).toList();
            assertEquals(1, said.size(), () -> "one line says it is disabled, nothing else\n" + result.describe());
            assertTrue(said.get(0).contains("disabled") && said.get(0).contains("config.json"), result::describe);
            assertEquals(List.of(Path.of("config.json")), ws.tree(), "nothing is written");
        }
    }

    static Stream<Arguments> malformedConfigs() {
        return Jdk.all().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "bad-json", "config.json", "{\"jobState\": {\"enabled\": true,", null,
                        "not valid JSON"),
                Arguments.of(jdk, "wrong-type", "src/config.json", "{\"jobState\": {\"enabled\": \"yes\"}}", null,
                        "jobState.enabled"),
                Arguments.of(jdk, "bad-zone", "conf/bot.json", "{\"jobState\": {\"timezone\": \"Mars/Olympus_Mons\"}}",
                        "config=conf/bot.json", "Mars/Olympus_Mons"),
                Arguments.of(jdk, "bad-account-zone", "config.json",
                        "{\"jobState\": {\"accounts\": {\"*@contoso.com\": {\"timezone\": \"Mars/Olympus_Mons\"}}}}", null,
                        "jobState.accounts.\"*@contoso.com\".timezone"),
                Arguments.of(jdk, "bad-day-start", "config.json", "{\"jobState\": {\"dayStartsAt\": \"4am\"}}", null,
                        "jobState.dayStartsAt"),
                Arguments.of(jdk, "missing", "conf/other.json", "{}", "config=conf/missing.json", "does not exist"),
                Arguments.of(jdk, "not-an-object", "config.json", "[\"jobState\"]", null, "JSON object")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedConfigs")
    void aMalformedConfigIsOneClearErrorNamingTheFileAndTheHostRunsWithoutPersistence(
            Jdk jdk, String name, String file, String content, String agentArgs, String problem, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk, name);
        ws.write(file, content);
        String named = agentArgs == null ? file : agentArgs.substring("config=".length());

        Result result = ChildJvm.on(jdk, ws.dir).agentArgs(agentArgs).run();
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("DONE"), result::describe);
        assertEquals(ACTIVITIES, result.ran().size(), "every activity runs");
        assertEquals(1, result.stderr().size(), () -> "exactly one line\n" + result.describe());
        String error = result.stderr().get(0);
        assertTrue(error.startsWith(Result.OURS + "ERROR "), error);
        assertTrue(error.contains(ws.path(named).toString()), () -> "names the file " + named + ": " + error);
        assertTrue(error.contains(problem), () -> "says what is wrong (" + problem + "): " + error);
        assertFalse(Files.exists(ws.path("sessions")), "nothing is written");
        assertEquals(Set.of(Path.of(file)), Set.copyOf(ws.tree().stream().filter(p -> p.toString().endsWith(".json")).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void theConfiguredTimeZoneDecidesTheDateSoTwoZonesGiveTwoDateFiles(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        // 25 hours apart: at any instant the two have different dates.
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        ZoneId pagoPago = ZoneId.of("Pacific/Pago_Pago");

        ws.write("config.json", "{\"jobState\": {\"timezone\": \"Pacific/Kiritimati\"}}");
        LocalDate kiritimatiBefore = LocalDate.now(kiritimati);
        Result east = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(east);
        LocalDate kiritimatiDay = dateOfOnlyFile(ws, "daily-set", kiritimatiBefore, LocalDate.now(kiritimati), Set.of());

        ws.write("config.json", "{\"jobState\": {\"timezone\": \"Pacific/Pago_Pago\"}}");
        LocalDate pagoBefore = LocalDate.now(pagoPago);
        Result west = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(west);
        assertEquals(ACTIVITIES, west.ran().size(), "another date: nothing of the other day is skipped");
        LocalDate pagoDay = dateOfOnlyFile(ws, "daily-set", pagoBefore, LocalDate.now(pagoPago), Set.of(kiritimatiDay));
        assertNotEquals(kiritimatiDay, pagoDay);
        assertEquals(2, Workspace.filesEndingWith(ws.stateDir().resolve(ALICE), ".json").stream()
                .filter(p -> p.getFileName().toString().startsWith("daily-set-")).count());

        // No zone configured: the JVM's own zone, here from TZ, decides.
        delete(ws.path("config.json"));
        Result jvmZone = ChildJvm.on(jdk, ws.dir).env("TZ", "Pacific/Kiritimati").run();
        assertCleanExit(jvmZone);
        Assumptions.assumeTrue(LocalDate.now(kiritimati).equals(kiritimatiDay), "midnight passed in Kiritimati");
        assertEquals(List.of(), jvmZone.ran(), () -> "the JVM's zone is Kiritimati's, whose day is done\n"
                + jvmZone.describe());
    }

    /** The date of the one file of {@code type} whose date is not in {@code others}; it lies in [from, to]. */
    private static LocalDate dateOfOnlyFile(Workspace ws, String type, LocalDate from, LocalDate to, Set<LocalDate> others) {
        List<LocalDate> dates = Workspace.filesEndingWith(ws.stateDir().resolve(ALICE), ".json").stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(type + "-"))
                .map(n -> LocalDate.parse(n.substring(type.length() + 1, n.length() - ".json".length())))
                .filter(d -> !others.contains(d))
                .toList();
        assertEquals(1, dates.size(), () -> "one new " + type + " file: " + dates);
        LocalDate date = dates.get(0);
        assertTrue(!date.isBefore(from) && !date.isAfter(to), () -> date + " is not the zone's date " + from);
        StateFile file = StateFile.read(ws.stateFile(ALICE, type, date));
        assertEquals(date.toString(), file.text("date"), "the date inside matches the file name");
        return date;
    }

    private static void assertOnlyStateDir(Workspace ws, List<String> candidates, String... used) {
        for (String candidate : candidates) {
            boolean expected = List.of(used).contains(candidate);
            Path daily = ws.path(candidate).resolve(ALICE).resolve("daily-set-" + Zones.today() + ".json");
            assertEquals(expected, Files.isRegularFile(daily),
                    () -> candidate + (expected ? " should" : " should not") + " hold state; the tree is " + ws.tree());
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
