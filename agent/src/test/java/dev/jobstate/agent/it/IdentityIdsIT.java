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
 * An id or account made from {@code Object.toString()} ({@code Offer@674bd420}) would be new every
 * run: it is refused with one message naming the method and the placeholder, and the call runs
 * untracked.
 */
class IdentityIdsIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void anIdentityBasedIdOrAccountIsRefusedOnceAndThatCallRunsUntracked(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).main("bots.IdentityBot").run();
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("DONE"), result::describe);
            List<String> expectedRuns = run == 1
                    ? List.of("default quiz-o1", "default poll-o1", "default scores-2", "alice@example.com check-in")
                    : List.of("default quiz-o1", "default scores-2", "alice@example.com check-in");
            assertEquals(expectedRuns, result.ran(), result::describe);
            assertEquals(3, result.stderr().size(), () -> "one message per refused method\n" + result.describe());
            assertOneLine(result, "bots.IdentityBot.quiz(Offer)", "{0}");
            assertOneLine(result, "bots.IdentityBot.scores(int[])", "{0}");
            assertOneLine(result, "bots.IdentityBot.checkIn(Profile)", "@Account");
        }
        StateFile day = ws.state("default", "ident");
        assertEquals(List.of("poll-o1"), day.completed(), day::toString);
        for (Path file : Workspace.filesEndingWith(ws.stateDir(), "")) {
            assertFalse(ws.stateDir().relativize(file).toString().contains("@") && !file.toString().contains(
                    "alice@example.com"), "no folder or file named by an identity: " + file);
        }
        assertFalse(day.toString().contains("Offer@"), day::toString);
    }

    private static void assertOneLine(Result result, String method, String what) {
        assertEquals(1, result.stderr().stream().filter(l -> l.startsWith(Result.OURS) && l.contains(method)
                && l.contains(what) && l.contains("toString")).count(), () -> "one line naming " + method + " and "
                + what + "\n" + result.describe());
    }
}
