package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jobState.quarantine.failuresPerDay}, end to end: a bot looping over accounts stops running
 * the activities of one whose activities failed that often today, in this run and the next, and
 * runs them again once an operator runs {@code jobstate release}, also while it runs.
 */
class QuarantineIT {

    static final String CONFIG = "{\"jobState\": {\"quarantine\": {\"failuresPerDay\": 3}}}";
    /** The bot's five activities per account, of two types, in the order it calls them. */
    static final List<String> IDS = List.of("d1", "p1", "d2", "p2", "d3");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void anAccountThatFailedThreeTimesTodayIsQuarantinedAcrossRunsUntilReleased(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("config.json", CONFIG);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.QuarantineBot").run();
        assertCleanExit(first);
        assertEquals(List.of("bad d1", "bad p1", "bad d2", "good d1", "good p1", "good d2", "good p2", "good d3"),
                first.ran(), first.describe());
        assertEquals(List.of("bad d1", "bad p1", "bad d2"), first.lines("FAILED"), first.describe());
        assertEquals(List.of("bad p2 3", "bad d3 3"), first.lines("QUARANTINED"),
                "the 4th and later calls throw QuarantinedException without running\n" + first.describe());
        assertEquals(List.of("good d1", "good p1", "good d2", "good p2", "good d3"), first.lines("OK"));

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.QuarantineBot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), "bad is still in quarantine, from the files; good skips\n"
                + second.describe());
        assertEquals(IDS.stream().map(id -> "bad " + id + " 3").toList(), second.lines("QUARANTINED"));
        assertEquals(IDS.stream().map(id -> "good " + id).toList(), second.lines("OK"));

        Result release = Cli.run(ws.dir, "release", "--account", "bad");
        assertEquals(0, release.exitCode(), release.describe());
        assertEquals(List.of("released bad on " + Zones.today() + ": its 3 failures no longer count"),
                release.stdout());
        assertTrue(Files.exists(ws.stateDir().resolve("bad").resolve(".released-" + Zones.today() + ".json")));

        Result third = ChildJvm.on(jdk, ws.dir).main("bots.QuarantineBot").run();
        assertCleanExit(third);
        assertEquals(List.of("bad d1", "bad p1", "bad d2"), third.ran(),
                "released: bad runs again, until it fails three more times\n" + third.describe());
        assertEquals(List.of("bad p2 3", "bad d3 3"), third.lines("QUARANTINED"));
    }

    @Test
    void aRunningBotSeesAReleaseWithinSeconds(TestInfo test) throws Exception {
        Jdk jdk = Jdk.all().findFirst().orElseThrow();
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("config.json", CONFIG);
        try (ChildJvm.Running bot = ChildJvm.on(jdk, ws.dir).main("bots.QuarantineBot", "--rounds=3").start()) {
            assertTrue(bot.awaitStdout(l -> l.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));

            Files.createFile(ws.path("go-2"));
            assertTrue(bot.awaitStdout(l -> l.contains("ROUND 2"), ChildJvm.DEFAULT_TIMEOUT));

            Result release = Cli.run(ws.dir, "release", "--account", "bad");
            assertEquals(0, release.exitCode(), release.describe());
            Thread.sleep(1_500); // the bot asks again at most once a second
            Files.createFile(ws.path("go-3"));

            Result done = bot.await(ChildJvm.DEFAULT_TIMEOUT);
            assertCleanExit(done);
            List<String> badRuns = done.ran().stream().filter(l -> l.startsWith("bad ")).toList();
            assertEquals(List.of("bad d1", "bad p1", "bad d2", "bad d1", "bad p1", "bad d2"), badRuns,
                    "round 1 until quarantine, nothing in round 2, round 3 after the release\n" + done.describe());
            assertEquals(List.of("bad p2 3", "bad d3 3", "bad d1 3", "bad p1 3", "bad d2 3", "bad p2 3", "bad d3 3",
                    "bad p2 3", "bad d3 3"), done.lines("QUARANTINED"), done.describe());
        }
    }
}
