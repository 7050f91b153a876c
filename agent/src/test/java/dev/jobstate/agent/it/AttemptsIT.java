package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Caps and retries in a real bot JVM: a retried activity runs its body again within the call and
 * succeeds; a capped one that used up its failed attempts is given up on, in the next JVM too,
 * without running, until the operator's {@code unmark} gives the attempts back.
 */
class AttemptsIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aCappedActivityIsGivenUpAcrossRunsUntilUnmarkedAndARetriedOneSucceedsWithinItsCall(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.AttemptsBot").run();
        assertClean(first);
        assertEquals(List.of("capped 1", "capped 2", "flaky 1", "flaky 2", "flaky 3"), first.ran(), first::describe);
        assertEquals(List.of("capped java.io.IOException: site down 1", "capped java.io.IOException: site down 2"),
                first.lines("THREW"), () -> "under the cap, a call throws its own exception\n" + first.describe());
        assertEquals(List.of("flaky ok after 3 runs"), first.lines("ACK"), () -> "one call, three runs\n" + first.describe());
        StateFile day = ws.state("default", "attempts");
        assertEquals(List.of("flaky"), day.completed(), day::toString);
        assertEquals(List.of("capped"), day.remaining(), day::toString);
        JsonNode capped = day.failure("capped");
        assertEquals(2, capped.path("attempts").intValue(), day::toString);
        assertEquals(2, capped.path("maxAttempts").intValue(), day::toString);
        assertEquals("site down 2", capped.path("message").textValue(), day::toString);
        JsonNode flaky = day.failure("flaky");
        assertEquals(2, flaky.path("attempts").intValue(), () -> "each failed attempt is recorded\n" + day);
        assertTrue(flaky.path("maxAttempts").isMissingNode(), () -> "no cap, none written\n" + day);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.AttemptsBot", "--capped-calls=1").run();
        assertClean(second);
        assertEquals(List.of(), second.ran(), () -> "nothing runs: one given up, one done\n" + second.describe());
        assertEquals(List.of("capped 2 java.io.IOException: site down 2"), second.lines("GAVEUP"), second::describe);
        assertEquals(List.of("flaky ok after 3 runs"), second.lines("ACK"), () -> "replayed\n" + second.describe());
        assertEquals(2, ws.state("default", "attempts").failure("capped").path("attempts").intValue(),
                "a refused call is no attempt");

        Result status = Cli.run(ws.dir, "status", "--account", "default");
        assertEquals(0, status.exitCode(), status.describe());
        assertTrue(status.stdout().stream().anyMatch(l -> l.contains("default attempts capped: java.io.IOException:"
                + " site down 2 (2 attempts, given up, last ")), status::describe);

        Result unmark = Cli.run(ws.dir, "unmark", "--account", "default", "--type", "attempts", "--id", "capped");
        assertEquals(0, unmark.exitCode(), unmark.describe());
        assertNull(ws.state("default", "attempts").failure("capped"), "its attempts are given back");

        Result third = ChildJvm.on(jdk, ws.dir).main("bots.AttemptsBot", "--capped-calls=1").run();
        assertClean(third);
        assertEquals(List.of("capped 1"), third.ran(), () -> "the capped one runs again\n" + third.describe());
        assertEquals(List.of("capped java.io.IOException: site down 1"), third.lines("THREW"), third::describe);
        assertEquals(1, ws.state("default", "attempts").failure("capped").path("attempts").intValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aGivenUpActivityThatReturnsAPrimitiveThrowsRatherThanReturnZero(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result run = ChildJvm.on(jdk, ws.dir).main("bots.AttemptsBot", "--points").run();

        assertClean(run);
        assertEquals(List.of("points"), run.ran(), run::describe);
        assertEquals(List.of("points java.io.IOException: no points"), run.lines("THREW"), run::describe);
        assertEquals(List.of("points 1 java.io.IOException: no points"), run.lines("GAVEUP"),
                () -> "a refused int method throws, it does not make up a 0\n" + run.describe());
        assertEquals(List.of(), run.lines("ACK"), run::describe);
    }

    private static void assertClean(Result run) {
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains("DONE"), run::describe);
        assertEquals(List.of(), run.ourStderr(), run::describe);
    }
}
