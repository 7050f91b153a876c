package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar jobstate.jar attach <pid>} on a bot started without the agent: what runs after it
 * is recorded, a second attach changes nothing, and a restart with the agent skips what completed.
 * Its errors are one line and a non-zero exit code.
 */
class AttachIT {

    private static final String ACCOUNT = "loop@example.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void attachedMidRunItRecordsWhatRunsAfterAndARestartSkipsIt(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("conf/bot.json", "{\"jobState\": {\"dir\": \"attached-state\"}}");
        Path state = ws.path("attached-state/" + ACCOUNT + "/loop-" + Zones.today() + ".json");
        Result killed;
        try (ChildJvm.Running bot = ChildJvm.on(jdk, ws.dir).withoutAgent().main("bots.LoopBot", "--account=" + ACCOUNT,
                "--plan=a,b;c,d;e,f").start()) {
            assertTrue(bot.awaitStdout(lines -> lines.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));
            String pid = Long.toString(bot.pid());

            Result attach = Cli.run(jdk.java(), ws.dir, "attach", pid, "config=conf/bot.json");
            assertEquals(0, attach.exitCode(), attach::describe);
            assertEquals(List.of("jobstate attached to " + pid), attach.stdout(), attach::describe);
            assertEquals(List.of(), attach.stderr(), attach::describe);

            ws.write("go-2", "");
            assertTrue(bot.awaitStdout(lines -> lines.contains("ROUND 2"), ChildJvm.DEFAULT_TIMEOUT));
            assertEquals(List.of("c", "d"), StateFile.read(state).completed(),
                    "recorded from the attach on, in the config's folder; round 1 ran before it");

            Result again = Cli.run(jdk.java(), ws.dir, "attach", "--config", "conf/bot.json", pid);
            assertEquals(0, again.exitCode(), again::describe);
            assertEquals(List.of("jobstate is already active in " + pid + "; nothing done"), again.stdout(),
                    again::describe);
            killed = bot.kill();
        }
        assertEquals(List.of("a", "b", "c", "d"), killed.ran(), killed::describe);
        assertEquals(List.of(), killed.stderrBesidesDynamicAgentWarning(), killed::describe);
        assertEquals(List.of("c", "d"), StateFile.read(state).completed(), "the second attach changed nothing");

        ws.write("go-3", "");
        Result restarted = ChildJvm.on(jdk, ws.dir).agentArgs("config=conf/bot.json")
                .main("bots.LoopBot", "--account=" + ACCOUNT, "--plan=a,b;c,d;e,f").run();
        assertEquals(0, restarted.exitCode(), restarted::describe);
        assertEquals(List.of("a", "b", "e", "f"), restarted.ran(), () -> "c and d completed while attached\n"
                + restarted.describe());
        assertEquals(List.of("c", "d", "a", "b", "e", "f"), StateFile.read(state).completed());
        assertEquals(List.of(), restarted.stderr(), restarted::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aJvmThatForbidsAttachingIsRefusedInOneLineAndRunsOn(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        try (ChildJvm.Running bot = ChildJvm.on(jdk, ws.dir).withoutAgent().jvmFlag("-XX:+DisableAttachMechanism")
                .main("bots.LoopBot", "--account=" + ACCOUNT, "--plan=a;b").start()) {
            assertTrue(bot.awaitStdout(lines -> lines.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));
            String pid = Long.toString(bot.pid());

            Result refused = Cli.run(jdk.java(), ws.dir, "attach", pid);
            assertEquals(1, refused.exitCode(), refused::describe);
            assertEquals(List.of(), refused.stdout(), refused::describe);
            assertEquals(1, refused.stderr().size(), refused::describe);
            assertTrue(refused.stderr().get(0).startsWith("jobstate: cannot attach to process " + pid + " ("),
                    refused::describe);

            Result noConfig = Cli.run(jdk.java(), ws.dir, "attach", pid, "config=missing.json");
            assertEquals(1, noConfig.exitCode(), noConfig::describe);
            assertEquals(List.of("jobstate: no such config file: " + ws.path("missing.json")), noConfig.stderr());

            ws.write("go-2", "");
            Result rest = bot.await(ChildJvm.DEFAULT_TIMEOUT);
            assertEquals(0, rest.exitCode(), rest::describe);
            assertEquals(List.of("a", "b"), rest.ran(), rest::describe);
            assertEquals(List.of(), rest.stderr(), "no thread dump, no warning\n" + rest.describe());
            assertFalse(rest.stdout().stream().anyMatch(l -> l.contains("Full thread dump")), rest::describe);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aProcessThatDoesNotExistOrAnIdThatIsNotOneIsOneLineAndAnExitCode(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        // Beyond Linux's largest pid (2^22): no such process, ever.
        Result none = Cli.run(jdk.java(), ws.dir, "attach", "999999999");
        assertEquals(1, none.exitCode(), none::describe);
        assertEquals(List.of("jobstate: no such process: 999999999"), none.stderr(), none::describe);

        Result notAnId = Cli.run(jdk.java(), ws.dir, "attach", "bot");
        assertEquals(2, notAnId.exitCode(), notAnId::describe);
        assertEquals("jobstate: not a process id: bot", notAnId.stderr().get(0), notAnId::describe);
    }
}
