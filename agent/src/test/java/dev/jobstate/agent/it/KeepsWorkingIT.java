package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What worked before activities learnt futures, nesting and inheritance keeps working: private,
 * static, record and enum activities, a JDK proxy and a decorator over an annotated interface, a
 * generic interface's bridge, Errors and interrupts passing through, a shutdown hook, virtual threads.
 */
class KeepsWorkingIT {

    static final Map<String, String> ACKS = Map.ofEntries(Map.entry("default greet-ann", "hello ann"),
            Map.entry("default greet-bob", "HELLO BOB"), Map.entry("default greet-cy", "hello cy"),
            Map.entry("default source", "named"), Map.entry("default coupon-web", "6"),
            Map.entry("default tier", "gold"), Map.entry("default secret", "7"), Map.entry("default static", "99"),
            Map.entry("default interrupted", "true"), Map.entry("default virtual-sum", "300"));

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void everyShapeRunsOnceAndReplaysWhatItReturned(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.ShapesBot").run();
        assertCleanExit(first);
        assertEquals(ACKS, first.acked(), first::describe);
        assertEquals(List.of("default error java.lang.AssertionError: an Error passes through"), first.lines("CAUGHT"));
        assertTrue(first.stdout().contains("STILL-INTERRUPTED true"), "the host's interrupt is its own");
        List<String> ran = first.ran();
        for (String id : List.of("greet-ann", "greet-bob", "greet-cy", "source", "coupon-web", "tier", "secret",
                "static", "error", "interrupted", "on-exit")) {
            assertEquals(1, ran.stream().filter(("default " + id)::equals).count(), () -> id + " runs once\n"
                    + first.describe());
        }
        long virtualRuns = ran.stream().filter(r -> r.startsWith("default virtual-")).count();
        assertEquals(jdk.feature() >= 21 ? 5 : 0, virtualRuns, () -> "one run per key on virtual threads\n"
                + first.describe());

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.ShapesBot").run();
        assertCleanExit(second);
        assertEquals(List.of("default error"), second.ran(), () -> "only the failed one runs again\n"
                + second.describe());
        assertEquals(ACKS, second.acked(), "replayed as returned");
        assertTrue(second.stdout().contains("STILL-INTERRUPTED true"), "a skip leaves the interrupt alone");
        assertEquals(List.of("error"), ws.state("default", "shapes").remaining());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aBotBuiltForJava8IsTrackedLikeAnyOther(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        Result first = ChildJvm.on(jdk, ws.dir).classes(BotClasses.java8()).main("bots8.Java8Bot").run();
        assertCleanExit(first);
        assertEquals(List.of("old@example.com quiz-o1", "old@example.com quiz-o2"), first.ran());

        Result second = ChildJvm.on(jdk, ws.dir).classes(BotClasses.java8()).main("bots8.Java8Bot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran());
        assertEquals(first.acked(), second.acked());
        assertEquals(List.of("quiz-o1", "quiz-o2"), ws.state("old@example.com", "legacy").completed());
    }
}
