package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A parent activity that caught a child activity's failure did not do its work: it is not
 * completed, so the next run enters it again, skips the children that are done and retries the
 * one that failed.
 */
class NestedActivityIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aParentWhoseChildFailedInsideItRunsAgainAndRetriesOnlyThatChild(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.NestingBot", "--fail=c2").run();
        assertCleanExit(first);
        assertEquals("parent-done", first.acked().get("default parent"), "the host's own outcome is untouched");
        StateFile day = ws.state("default", "nest");
        assertEquals(List.of("c1", "c3"), day.completed(), day::toString);
        assertEquals(List.of("c2", "parent"), day.remaining(), day::toString);
        String why = day.failure("parent").path("message").asText();
        assertTrue(why.contains("c2") && why.contains("c2 is down"), () -> "the parent's failure names the child: "
                + day);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.NestingBot").run();
        assertCleanExit(second);
        assertEquals(List.of("default parent", "default c2"), second.ran(), second::describe);
        assertEquals(List.of("c1", "c3", "c2", "parent"), ws.state("default", "nest").completed());

        Result third = ChildJvm.on(jdk, ws.dir).main("bots.NestingBot").run();
        assertCleanExit(third);
        assertEquals(List.of(), third.ran(), third::describe);
        assertEquals("parent-done", third.acked().get("default parent"), "replayed");
    }
}
