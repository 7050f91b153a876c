package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code JobState.install()} from a bot's main, with jobstate.jar on the class path and no
 * {@code -javaagent}: the bot's class, loaded before the call, is instrumented, its activities are
 * recorded and skipped after a kill, on both ways in (a helper process, the JDK's default; in process,
 * with {@code -Djdk.attach.allowAttachSelf=true}). Calling it twice, or under {@code -javaagent}, changes
 * nothing; a JVM that forbids attaching says why once and runs on untracked.
 */
class InstallIT {

    private static final String ACCOUNT = "install@example.com";
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void installedThroughAHelperProcessItRecordsAndAfterAKillSkipsWhatCompleted(Jdk jdk, TestInfo test) {
        killedAndResumed(jdk, Workspace.fresh(test, jdk), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void installedInProcessItRecordsAndAfterAKillSkipsWhatCompleted(Jdk jdk, TestInfo test) {
        killedAndResumed(jdk, Workspace.fresh(test, jdk), true);
    }

    private static void killedAndResumed(Jdk jdk, Workspace ws, boolean allowAttachSelf) {
        String how = allowAttachSelf ? "in process" : "through a helper process";
        Result killed;
        try (ChildJvm.Running bot = bot(jdk, ws, allowAttachSelf, "--ids=" + String.join(",", IDS), "--hang-after=c")
                .start()) {
            assertTrue(bot.awaitStdout(lines -> lines.contains("HANGING"), ChildJvm.DEFAULT_TIMEOUT), "never hung");
            killed = bot.kill();
        }
        assertEquals(Result.KILLED, killed.exitCode(), killed::describe);
        assertEquals(List.of("true"), killed.lines("INSTALLED"), killed::describe);
        assertEquals(List.of("a", "b", "c"), killed.ran(), killed::describe);
        assertEquals(1, killed.ourLines("DEBUG").stream().filter(l -> l.contains("attached jobstate " + how)).count(),
                killed::describe);
        assertEquals(List.of(), nonDebug(killed), killed::describe);
        StateFile state = ws.state(ACCOUNT, "install");
        assertEquals(List.of("a", "b", "c"), state.completed(), "the class loaded before install() is instrumented");
        String firstA = killed.lines("ACK").get(0);

        Result resumed = bot(jdk, ws, allowAttachSelf, "--ids=" + String.join(",", IDS)).run();
        assertEquals(0, resumed.exitCode(), resumed::describe);
        assertEquals(List.of("true"), resumed.lines("INSTALLED"), resumed::describe);
        assertEquals(List.of("d", "e"), resumed.ran(), () -> "what completed before the kill is skipped\n"
                + resumed.describe());
        assertEquals(firstA, resumed.lines("ACK").get(0), "a skipped call returns what the killed run's returned");
        assertEquals(IDS, ws.state(ACCOUNT, "install").completed());
        assertEquals(List.of(), nonDebug(resumed), resumed::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void installingTwiceAttachesOnce(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result run = bot(jdk, ws, false, "--twice").run();
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("true", "true"), run.lines("INSTALLED"), run::describe);
        assertEquals(1, run.ourLines("DEBUG").stream().filter(l -> l.contains("attached jobstate")).count(),
                run::describe);
        assertEquals(List.of(), nonDebug(run), run::describe);
        assertEquals(List.of("a", "b", "c", "d"), ws.state(ACCOUNT, "install").completed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void underTheJavaagentInstallChangesNothing(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result run = ChildJvm.on(jdk, ws.dir).alsoOnClassPath(ItEnv.agentJar()).main("bots.InstallBot", "--twice")
                .run();
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("true", "true"), run.lines("INSTALLED"), run::describe);
        assertEquals(List.of(), run.stderr(), () -> "nothing loaded dynamically, nothing said\n" + run.describe());
        assertEquals(List.of("a", "b", "c", "d"), ws.state(ACCOUNT, "install").completed());
        assertEquals(List.of(), bot(jdk, ws, false).run().ran(), "and a run with install() skips them");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aJvmThatForbidsAttachingSaysWhyOnceAndRunsOnUntracked(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ChildJvm spec = bot(jdk, ws, false, "--twice").jvmFlag("-XX:+DisableAttachMechanism");
        long began = System.nanoTime();
        Result run = spec.run();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("false", "false"), run.lines("INSTALLED"), run::describe);
        assertEquals(List.of("a", "b", "c", "d"), run.ran(), run::describe);
        List<String> said = nonDebug(run);
        assertEquals(1, said.size(), run::describe);
        assertTrue(said.get(0).startsWith("[jobstate] WARN JobState.install() could not attach jobstate: this JVM does"
                + " not allow attaching"), run::describe);
        assertTrue(said.get(0).contains("-javaagent:jobstate.jar"), "and how to fix it\n" + run.describe());
        assertFalse(ws.stateDir().toFile().exists(), "nothing recorded");
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "refused at once, not after a timeout: " + took);
    }

    private static ChildJvm bot(Jdk jdk, Workspace ws, boolean allowAttachSelf, String... args) {
        ChildJvm spec = ChildJvm.on(jdk, ws.dir).withoutAgent().alsoOnClassPath(ItEnv.agentJar()).debug()
                .main("bots.InstallBot", args);
        return allowAttachSelf ? spec.property("jdk.attach.allowAttachSelf", "true") : spec;
    }

    /** What the JVM printed on stderr but the agent's debug lines and JDK 21+'s dynamic agent warning. */
    private static List<String> nonDebug(Result run) {
        return run.stderrBesidesDynamicAgentWarning().stream().filter(l -> !l.startsWith(Result.OURS + "DEBUG "))
                .toList();
    }
}
