package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In one JVM a key runs once at a time: threads calling an activity that another thread is running
 * wait for its outcome and replay it, or run it themselves if it failed; a call that re-enters the
 * key on its own thread runs inside the outer call, which alone is recorded.
 */
class OneRunPerKeyIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void fourThreadsOnOneKeyRunItOnceAndReEnteringCallsRecordTheOuterResult(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.SameKeyBot").run();
        assertCleanExit(first);
        assertEquals(1, first.ran().stream().filter("default slow"::equals).count(),
                () -> "one body for four calls\n" + first.describe());
        assertEquals(4, first.lines("ACK").stream().filter("default slow 42"::equals).count(), first::describe);
        assertEquals("3", first.acked().get("default count"));
        assertEquals("11", first.acked().get("default value"));
        StateFile day = ws.state("default", "same");
        assertEquals(3, day.result("count").intValue(), () -> "the outer call's result\n" + day);
        assertEquals(11, day.result("value").intValue(), () -> "the override's result, not super's\n" + day);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.SameKeyBot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), second::describe);
        assertEquals("3", second.acked().get("default count"), "the replay is what the outer call returned");
        assertEquals("11", second.acked().get("default value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void whenTheRunningCallFailsTheNextWaiterRunsIt(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result result = ChildJvm.on(jdk, ws.dir).main("bots.SameKeyBot", "--fail-first").run();
        assertCleanExit(result);
        assertEquals(2, result.ran().stream().filter("default slow"::equals).count(),
                () -> "the failed attempt, then one more\n" + result.describe());
        assertEquals(List.of("slow first attempt fails"),
                result.lines("CAUGHT").stream().map(l -> l.substring("default ".length())).toList());
        assertEquals(3, result.lines("ACK").stream().filter("default slow 42"::equals).count(), result::describe);
        assertEquals(42, ws.state("default", "same").result("slow").intValue());
    }
}
