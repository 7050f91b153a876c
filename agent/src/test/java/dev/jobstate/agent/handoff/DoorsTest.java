package dev.jobstate.agent.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** The advice the JDK's classes get: tiny, static, never failing into the host, through doors that exist. */
class DoorsTest {

    @Test
    void everyDoorAnAdviceNamesExistsWithTheTypeItExpects() {
        Set<String> named = new HashSet<>();
        for (HandoffPoints.Point point : HandoffPoints.ALL) {
            for (Method method : point.advice().getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    Door door = parameter.getAnnotation(Door.class);
                    if (door != null) {
                        TypeDescription type = TypeDescription.ForLoadedType.of(parameter.getType());
                        assertNotNull(Doors.constant(door.value(), type));
                        named.add(door.value());
                    }
                }
            }
        }
        Set<String> fields = new HashSet<>();
        for (var field : HandoffDoors.class.getFields()) {
            fields.add(field.getName());
        }
        assertEquals(fields, named, "every door is used, and only doors are");
    }

    @Test
    void everyAdviceIsStaticAndSuppressesWhateverItThrows() {
        for (HandoffPoints.Point point : HandoffPoints.ALL) {
            for (Method method : point.advice().getDeclaredMethods()) {
                assertTrue(Modifier.isStatic(method.getModifiers()), method::toString);
                Advice.OnMethodEnter enter = method.getAnnotation(Advice.OnMethodEnter.class);
                Advice.OnMethodExit exit = method.getAnnotation(Advice.OnMethodExit.class);
                assertTrue(enter != null || exit != null, method::toString);
                assertEquals(Throwable.class, enter != null ? enter.suppress() : exit.suppress(), method::toString);
            }
        }
    }

    @Test
    void theAdvicesLookupFindsTheAgentsOwnDoors() {
        assertTrue(Doors.reachable());
    }

    @Test
    void onlyJdkTypesNamedExactly() {
        for (HandoffPoints.Point point : HandoffPoints.ALL) {
            assertTrue(point.type().startsWith("java.lang.") || point.type().startsWith("java.util.concurrent."),
                    point::toString);
            assertFalse(point.type().contains("*"), point::toString);
        }
    }
}
