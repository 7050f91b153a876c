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
 * the methods that implement or override it; a lambda that implements it cannot be reached, which is
 * said once, when the class that makes the lambda loads.
 */
class InheritedActivityIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void implementationsAndOverridesOfAnActivityAreTrackedAndALambdaIsSaidToBeNot(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.InheritBot").run();
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(first.stdout().contains("DONE"), first::describe);
        assertEquals(Map.of("default greet", "hello", "default task", "3", "default work", "2", "default step", "4"),
                first.acked());
        assertEquals(1, first.stderr().size(), () -> "one message, for the lambda\n" + first.describe());
        String message = first.stderr().get(0);
        assertTrue(message.startsWith(Result.OURS + "WARN bots.InheritBot makes a lambda or method reference of"
                + " bots.InheritBot$Step, whose bots.InheritBot$Step.go() is an @Activity"),
                () -> "names the class that makes it, the interface and its activity: " + message);
        assertEquals(List.of("greet", "task", "work"), ws.state("default", "inherit").completed());

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.InheritBot").run();
        assertEquals(0, second.exitCode(), second::describe);
        assertEquals(List.of("default step"), second.ran(), () -> "only the lambda runs again\n" + second.describe());
        assertEquals(first.acked(), second.acked(), "replayed");
    }
}
