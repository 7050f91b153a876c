package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code JobState.activity} where no agent runs at all: a bot with no annotations, jobstate.jar on
 * its class path and no {@code -javaagent}, killed with SIGKILL and started again. The same files
 * and the same resuming as an annotated bot; without jobstate.jar it says so once and runs on.
 */
class CodeActivitiesIT {

    private static final String ACCOUNT = "code@example.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void withoutAnyAgentItRecordsAndAfterAKillSkipsWhatCompleted(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result killed;
        try (ChildJvm.Running bot = bot(jdk, ws, "--ids=a,b,c,d,e", "--fail=b", "--hang-after=c").start()) {
            assertTrue(bot.awaitStdout(lines -> lines.contains("HANGING"), ChildJvm.DEFAULT_TIMEOUT), "never hung");
            killed = bot.kill();
        }
        assertEquals(Result.KILLED, killed.exitCode(), killed::describe);
        assertEquals(List.of("a", "b", "c"), killed.ran(), killed::describe);
        assertEquals(List.of("b java.io.IOException: no network for b"), killed.lines("FAILED"),
                "the body's checked exception passes through unchanged\n" + killed.describe());
        assertEquals(List.of(), killed.stderr(), killed::describe);
        assertEquals(List.of("a", "c"), ws.state(ACCOUNT, "code").completed());
        String firstA = killed.lines("ACK").get(0);

        Result resumed = bot(jdk, ws, "--ids=a,b,c,d,e").run();
        assertEquals(0, resumed.exitCode(), resumed::describe);
        assertEquals(List.of("b", "d", "e"), resumed.ran(), () -> "the failed one runs again, the completed ones"
                + " are skipped\n" + resumed.describe());
        assertEquals(firstA, resumed.lines("ACK").get(0), "a skipped call returns what the killed run's returned");
        assertEquals(List.of("a", "c", "b", "d", "e"), ws.state(ACCOUNT, "code").completed());
        assertEquals(List.of(), resumed.stderr(), resumed::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void withoutJobstateJarItSaysSoOnceAndEveryActivityRuns(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result run = ChildJvm.on(jdk, ws.dir).withoutAgent().main("bots.CodeBot", "--ids=a,b,c").run();
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("a", "b", "c"), run.ran(), run::describe);
        assertEquals(1, run.stderr().size(), run::describe);
        assertTrue(run.stderr().get(0).startsWith("[jobstate] WARN JobState.activity found no jobstate runtime"),
                run::describe);
        assertFalse(ws.stateDir().toFile().exists(), "nothing recorded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void underTheJavaagentCodeActivitiesUseTheSettingsItWasGiven(Jdk jdk, TestInfo test) throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        Path config = ws.dir.resolve("conf/bot.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"jobState\": {\"dir\": \"elsewhere\"}}");
        Result run = ChildJvm.on(jdk, ws.dir).agentArgs("config=" + config).main("bots.CodeBot", "--ids=a").run();
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("a"), run.ran(), run::describe);
        assertTrue(Files.isDirectory(ws.dir.resolve("elsewhere").resolve(ACCOUNT)),
                "the first jobstate to start is a code activity's, with the agent's config=\n" + run.describe());
        assertFalse(ws.stateDir().toFile().exists(), "not the default folder");
    }

    private static ChildJvm bot(Jdk jdk, Workspace ws, String... args) {
        return ChildJvm.on(jdk, ws.dir).withoutAgent().alsoOnClassPath(ItEnv.agentJar()).main("bots.CodeBot", args);
    }
}
