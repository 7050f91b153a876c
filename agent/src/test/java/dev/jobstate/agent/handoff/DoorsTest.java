package dev.jobstate.agent.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.agent.WovenBytes;
import dev.jobstate.agent.handoff.HandoffPoints.Point;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.ConstantDynamic;
import org.junit.jupiter.api.Test;

/**
 * What the JDK's classes get: calls through doors that exist, and nothing else of ours, never
 * failing into the host.
 */
class DoorsTest {

    @Test
    void everyDoorAPointNamesExistsWithTheTypeItsShapeCallsItAs() {
        Set<String> named = new HashSet<>(Set.of("END"));
        assertNotNull(Doors.constant("END", Consumer.class));
        for (Point point : HandoffPoints.ALL) {
            Class<?> type = switch (point.shape()) {
                case END_THIS, START_THIS -> Consumer.class;
                case AROUND -> Supplier.class;
                case END_FIELD, START_FIRST_ARGUMENT, AROUND_THIS -> UnaryOperator.class;
            };
            assertNotNull(Doors.constant(point.door(), type), point::toString);
            named.add(point.door());
        }
        Set<String> fields = new HashSet<>();
        for (var field : HandoffDoors.class.getFields()) {
            fields.add(field.getName());
        }
        assertEquals(fields, named, "every door is used, and only doors are");
    }

    @Test
    void theDoorsLookupFindsTheAgentsOwnDoors() {
        assertTrue(Doors.reachable());
    }

    @Test
    void onlyJdkTypesNamedExactly() {
        for (Point point : HandoffPoints.ALL) {
            assertTrue(point.type().startsWith("java.lang.") || point.type().startsWith("java.util.concurrent."),
                    point::toString);
            assertFalse(point.type().contains("*"), point::toString);
        }
    }

    /**
     * Every point woven into this JDK's own class: what the weave adds calls the doors' interfaces
     * only, each door loaded as a dynamic constant, and every point finds its method.
     */
    @Test
    void everyPointIsWovenIntoItsJdkClassCallingOnlyDoors() throws IOException {
        HandoffWeaver weaver = new HandoffWeaver(HandoffPoints.onThisJdk());
        Set<String> types = new TreeSet<>();
        HandoffPoints.onThisJdk().forEach(point -> types.add(point.type().replace('.', '/')));
        for (String type : types) {
            byte[] original = jdkClass(type);
            byte[] woven = weaver.transform(null, type, null, null, original);
            assertNull(weaver.firstFailure, type);
            assertNotNull(woven, type);
            Set<String> added = WovenBytes.calls(woven);
            added.removeAll(WovenBytes.calls(original));
            assertTrue(Set.of("java/util/function/Function.apply", "java/util/function/Consumer.accept",
                    "java/util/function/Supplier.get").containsAll(added), type + " calls " + added);
            assertTrue(doorsLoaded(woven) > 0, type);
        }
    }

    private static byte[] jdkClass(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    private static long doorsLoaded(byte[] bytes) {
        return WovenBytes.constants(bytes).stream().filter(value -> value instanceof ConstantDynamic constant
                && constant.getBootstrapMethod().getName().equals("getStaticFinal")).count();
    }
}
