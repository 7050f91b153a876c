package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the agent leaves alone, and how it speaks when it cannot do its job. */
class TransparencyIT {

    static final String ALICE = "alice@example.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aClassWithoutAnnotationsIsNotTransformedAndBehavesExactlyAsWithoutTheAgent(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result without = ChildJvm.on(jdk, ws.dir).withoutAgent().main("bots.PlainBot", "--throw").run();
        Result with = ChildJvm.on(jdk, ws.dir).debug().main("bots.PlainBot", "--throw").run();

        assertEquals(1, without.exitCode(), without::describe);
        assertTrue(without.stderr().stream().anyMatch(l -> l.contains("PlainBot$TaskFailed: task poll failed")),
                without::describe);
        assertTrue(with.ourLines("DEBUG").stream().anyMatch(l -> l.contains("attached")),
                () -> "the agent ran (else this compares nothing)\n" + with.describe());
        assertEquals(without.exitCode(), with.exitCode());
        assertEquals(without.stdout(), with.stdout());
        assertEquals(without.stderr(), with.foreignStderr(), "the same exception, with the same stack trace lines");
        assertEquals(List.of(), with.ourStderr().stream().filter(l -> l.contains("instrumented")).toList(),
                "nothing is instrumented");
        assertFalse(with.ourLines("DEBUG").stream().anyMatch(l -> l.contains("active")),
                "a host without annotations never starts jobstate (no ByteBuddy, no config, no engine)");
        assertFalse(Files.exists(ws.stateDir()), "nor touches the disk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void onlyClassesThatUseTheAnnotationsAreInstrumented(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result result = ChildJvm.on(jdk, ws.dir).debug().run();
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of(), result.foreignStderr(), () -> "only our lines, even when debugging\n" + result.describe());
        Set<String> instrumented = result.ourLines("DEBUG").stream()
                .filter(l -> l.contains(" instrumented "))
                .map(l -> l.substring(l.indexOf(" instrumented ") + " instrumented ".length()).strip())
                .collect(Collectors.toSet());
        // Not the records the activities take and return, not Out, not the lambdas' classes.
        assertEquals(Set.of("bots.RewardsBot", "bots.RewardsBot$MobileSession"), instrumented, result::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aNameTemplateWithoutParametersIsOneClearErrorAndThatMethodRunsUntracked(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).classes(BotClasses.withoutParameters())
                    .main("bots.RewardsBot", "--run=" + run).run();
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("DONE"), result::describe);
            assertEquals(1, result.stderr().size(), () -> "one error\n" + result.describe());
            String error = result.stderr().get(0);
            assertTrue(error.startsWith(Result.OURS + "ERROR "), error);
            assertTrue(error.contains("bots.RewardsBot.poll(") && error.contains("{offer.offerId}")
                    && error.contains("-parameters"), () -> "names the method, the template and the fix: " + error);
            assertEquals("voted-p1-run" + run, result.acked().get(ALICE + " poll-p1"), "it runs, every time");
            if (run == 2) {
                assertEquals(List.of(ALICE + " poll-p1"), result.ran(),
                        "the other activities are tracked as usual and skipped");
            }
        }
        StateFile daily = ws.state(ALICE, "daily-set");
        assertFalse(daily.completed().contains("poll-p1"), daily::toString);
        assertFalse(daily.completed().stream().anyMatch(id -> id.contains("{")), daily::toString);
        assertTrue(daily.completed().containsAll(List.of("check-in", "quiz-q1", "quiz-q2", "quiz-q3")), daily::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void classesOfALoaderThatCannotSeeTheAgentRunUntouchedWithOneWarning(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).main("bots.IsolatedLoaderBot").run();

            assertEquals(0, result.exitCode(), result::describe);
            assertEquals(List.of("RAN plugin work", "ACK plugin worked", "DONE"), result.stdout(),
                    () -> "runs as without the agent, every time\n" + result.describe());
            assertEquals(List.of(), result.foreignStderr(), () -> "no NoClassDefFoundError\n" + result.describe());
            assertEquals(1, result.stderr().size(), result::describe);
            assertTrue(result.stderr().get(0).startsWith(Result.OURS + "WARN ")
                    && result.stderr().get(0).contains("IsolatedLoaderBot$Plugin")
                    && result.stderr().get(0).contains("untracked"), result::describe);
        }
        assertEquals(List.of(), Workspace.filesEndingWith(ws.stateDir(), ""), "nothing tracked, nothing written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aNormalRunPrintsNothingOnStderrNotEvenOnTheNewestJdk(Jdk jdk, TestInfo test) {
        // No sun.misc.Unsafe warning, nothing from ByteBuddy or Jackson, no "Picked up" line: the host's
        // stderr is the host's.
        Workspace ws = Workspace.fresh(test, jdk);
        Result result = ChildJvm.on(jdk, ws.dir).main("bots.CrowdBot", "--ids=0-40", "--threads=4", "--sleep-ms=0").run();
        assertCleanExit(result);
        assertEquals(40, result.ran().size(), result::describe);
    }
}
