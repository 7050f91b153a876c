package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Activity} on an interface method, an abstract method or an overridden method applies to
 * the methods that implement or override it; on an interface a lambda can implement (one abstract
 * method), lambdas cannot be reached, which is said once when the interface loads.
 */
class InheritedActivityIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void implementationsAndOverridesOfAnActivityAreTrackedAndLambdasAreSaidToBeNot(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.InheritBot").run();
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(first.stdout().contains("DONE"), first::describe);
        assertEquals(Map.of("default greet", "hello", "default task", "3", "default work", "2", "default step", "4"),
                first.acked());
        // Greeter and Step each have one abstract method: a lambda could implement either.
        assertEquals(2, first.stderr().size(), () -> "one message per interface a lambda could implement\n"
                + first.describe());
        for (String type : List.of("bots.InheritBot$Greeter", "bots.InheritBot$Step")) {
            assertTrue(first.stderr().stream().anyMatch(l -> l.startsWith(Result.OURS) && l.contains(type)
                    && l.contains("lambdas")), () -> "names " + type + " and the lambdas\n" + first.describe());
        }
        assertEquals(List.of("greet", "task", "work"), ws.state("default", "inherit").completed());

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.InheritBot").run();
        assertEquals(0, second.exitCode(), second::describe);
        assertEquals(List.of("default step"), second.ran(), () -> "only the lambda runs again\n" + second.describe());
        assertEquals(first.acked(), second.acked(), "replayed");
    }
}
