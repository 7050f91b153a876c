package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Activity(once = true)} in a real bot JVM killed with SIGKILL in the middle of it: the
 * activity is in doubt, not run again, not lost; status lists it; the operator's mark settles it as
 * done and unmark as to run again. An ordinary activity killed in the middle runs again, and
 * status counts it as interrupted until it has.
 */
class OnceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aOnceActivityKilledInTheMiddleIsInDoubtUntilTheOperatorSettlesIt(Jdk jdk, TestInfo test) throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);

        try (ChildJvm.Running running = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot", "--hang-pay").start()) {
            assertTrue(running.awaitStdout(lines -> lines.contains("RAN pay"), ChildJvm.DEFAULT_TIMEOUT));
            StateFile during = ws.state("default", "payments");
            assertTrue(during.json().at("/started/pay").isTextual(), () -> "the start is on disk first\n" + during);
            Result live = Cli.run(ws.dir, "status", "--account", "default");
            assertFalse(String.join("\n", live.stdout()).contains("In doubt"),
                    () -> "a once activity a live run is running is not in doubt\n" + live.describe());
            Result killed = running.kill();
            assertEquals(Result.KILLED, killed.exitCode(), killed::describe);
        }
        StateFile afterKill = ws.state("default", "payments");
        assertEquals(List.of("pay"), afterKill.remaining(), afterKill::toString);
        assertTrue(afterKill.json().at("/started/pay").isTextual(), afterKill::toString);

        Result status = Cli.run(ws.dir, "status", "--account", "default");
        assertEquals(0, status.exitCode(), status::describe);
        assertTrue(status.stdout().stream().anyMatch(l -> l.contains("default payments pay: started")),
                status::describe);
        assertTrue(status.stdout().stream().anyMatch(l -> l.contains("1 in doubt")), status::describe);
        JsonNode json = JSON.readTree(String.join("\n", Cli.run(ws.dir, "status", "--json").stdout()));
        assertEquals(1, json.at("/totals/inDoubt").intValue(), json::toString);
        assertEquals("pay", json.at("/rows/0/inDoubt/0/id").textValue(), json::toString);

        Result again = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot").run();
        assertClean(again);
        assertEquals(List.of("poll"), again.ran(), () -> "pay is not run again: it may have happened\n" + again.describe());
        assertEquals(1, again.lines("INDOUBT").size(), again::describe);

        Result mark = Cli.run(ws.dir, "mark", "--account", "default", "--type", "payments", "--id", "pay");
        assertEquals(0, mark.exitCode(), mark::describe);
        Result marked = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot").run();
        assertEquals(0, marked.exitCode(), marked::describe);
        assertEquals(List.of("[jobstate] WARN pay (bots.OnceBot.pay()) completed earlier today without a recorded"
                + " result; skipped calls of it return null."), marked.ourStderr(), marked::describe);
        assertEquals(List.of(), marked.ran(), () -> "marked: it happened, so it is skipped\n" + marked.describe());
        assertEquals(List.of("pay null"), marked.lines("ACK").subList(0, 1), marked::describe);
        assertTrue(ws.state("default", "payments").json().path("started").isMissingNode());

        Result unmark = Cli.run(ws.dir, "unmark", "--account", "default", "--type", "payments", "--id", "pay");
        assertEquals(0, unmark.exitCode(), unmark::describe);
        Result rerun = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot").run();
        assertClean(rerun);
        assertEquals(List.of("pay"), rerun.ran(), () -> "unmarked: it runs again\n" + rerun.describe());
        assertEquals(List.of("pay receipt", "poll polled"), rerun.lines("ACK"), rerun::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void anOrdinaryActivityKilledInTheMiddleIsCountedInterruptedAndRunsAgain(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        try (ChildJvm.Running running = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot", "--hang-poll").start()) {
            assertTrue(running.awaitStdout(lines -> lines.contains("RAN poll"), ChildJvm.DEFAULT_TIMEOUT));
            running.kill();
        }

        Result status = Cli.run(ws.dir, "status", "--account", "default");
        assertTrue(status.stdout().stream().anyMatch(l -> l.contains("1/2 (1 interrupted)")), status::describe);
        assertTrue(status.stdout().stream().anyMatch(l -> l.contains("· 1 interrupted")), status::describe);
        JsonNode json = JSON.readTree(String.join("\n", Cli.run(ws.dir, "status", "--json").stdout()));
        assertEquals(1, json.at("/totals/interrupted").intValue(), json::toString);
        assertEquals(0, json.at("/totals/inDoubt").intValue(), json::toString);

        Result again = ChildJvm.on(jdk, ws.dir).main("bots.OnceBot").run();
        assertClean(again);
        assertEquals(List.of("poll"), again.ran(), () -> "an ordinary activity runs again\n" + again.describe());
        JsonNode after = JSON.readTree(String.join("\n", Cli.run(ws.dir, "status", "--json").stdout()));
        assertEquals(0, after.at("/totals/interrupted").intValue(), () -> "it ran since\n" + after);
        assertEquals(2, after.at("/totals/completed").intValue(), after::toString);
    }

    private static void assertClean(Result run) {
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains("DONE"), run::describe);
        assertEquals(List.of(), run.ourStderr(), run::describe);
    }
}
