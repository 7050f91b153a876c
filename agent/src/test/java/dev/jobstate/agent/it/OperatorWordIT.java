package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The operator's word sticks against a running bot: an {@code unmark} or {@code reset} made with the
 * CLI while the bot holds the day in memory is seen by the bot's skip path, and the bot's later
 * checkpoints do not bring back what the operator undid.
 */
class OperatorWordIT {

    static final String ACCOUNT = "loop@example.com";
    static final Jdk JDK = Jdk.all().findFirst().orElseThrow();

    @Test
    void unmarkWhileTheBotRunsMakesItRunAgainAndItsCheckpointsDoNotResurrectIt(TestInfo test) throws Exception {
        Workspace ws = Workspace.fresh(test, JDK);
        try (ChildJvm.Running bot = ChildJvm.on(JDK, ws.dir).main("bots.LoopBot", "--account=" + ACCOUNT,
                "--plan=a,b,c;extra;a,b,c").start()) {
            assertTrue(bot.awaitStdout(l -> l.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));
            assertEquals(List.of("a", "b", "c"), ws.state(ACCOUNT, "loop").completed());

            Result unmark = Cli.run(ws.dir, "unmark", "--account", ACCOUNT, "--type", "loop", "--id", "b");
            assertEquals(0, unmark.exitCode(), unmark.describe());
            assertEquals(List.of("a", "c"), ws.state(ACCOUNT, "loop").completed());

            // Round 2 checkpoints another activity: a union of the bot's memory would put b back.
            go(ws, 2, bot);
            assertEquals(List.of("a", "c", "extra"), ws.state(ACCOUNT, "loop").completed());
            assertEquals(List.of("b"), ws.state(ACCOUNT, "loop").remaining());

            // Round 3 calls a, b, c again: only b runs, although the bot had it as done in memory.
            go(ws, 3, bot);
            Result done = bot.await(ChildJvm.DEFAULT_TIMEOUT);
            assertEquals(List.of("a", "b", "c", "extra", "b"), done.lines("RAN"), done.describe());
            assertEquals(List.of("a", "c", "extra", "b"), ws.state(ACCOUNT, "loop").completed());
        }
    }

    @Test
    void resetWhileTheBotRunsStartsTheDayAfreshForTheBotAndKeepsABackup(TestInfo test) throws Exception {
        Workspace ws = Workspace.fresh(test, JDK);
        try (ChildJvm.Running bot = ChildJvm.on(JDK, ws.dir).main("bots.LoopBot", "--account=" + ACCOUNT,
                "--plan=a,b,c;extra;a,b,c").start()) {
            assertTrue(bot.awaitStdout(l -> l.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));

            Result reset = Cli.run(ws.dir, "reset", "--account", ACCOUNT, "--type", "loop");
            assertEquals(0, reset.exitCode(), reset.describe());
            List<Path> backups = Workspace.filesEndingWith(ws.stateDir().resolve(".backup"), ".json");
            assertEquals(1, backups.size(), reset.describe());
            assertTrue(reset.stdout().stream().anyMatch(l -> l.contains(".backup")), reset.describe());
            assertEquals(List.of("a", "b", "c"), StateFile.read(backups.get(0)).completed(), "the old day is kept");

            go(ws, 2, bot);
            assertEquals(List.of("extra"), ws.state(ACCOUNT, "loop").completed(), "nothing from before the reset");

            go(ws, 3, bot);
            Result done = bot.await(ChildJvm.DEFAULT_TIMEOUT);
            assertEquals(List.of("a", "b", "c", "extra", "a", "b", "c"), done.lines("RAN"), done.describe());
            assertEquals(List.of("extra", "a", "b", "c"), ws.state(ACCOUNT, "loop").completed());
        }
    }

    /** Lets round {@code r} start, after the bot's view has had time to go stale (its check interval). */
    private static void go(Workspace ws, int round, ChildJvm.Running bot) throws IOException, InterruptedException {
        Thread.sleep(700);
        Files.createFile(ws.path("go-" + round));
        assertTrue(bot.awaitStdout(l -> l.contains("ROUND " + round), ChildJvm.DEFAULT_TIMEOUT));
    }
}
