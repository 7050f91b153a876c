package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.core.log.Log;
import hosts.LoadedFixtures.Base;
import hosts.LoadedFixtures.FieldOnly;
import hosts.LoadedFixtures.Greeter;
import hosts.LoadedFixtures.Implementing;
import hosts.LoadedFixtures.Overriding;
import hosts.LoadedFixtures.Plain;
import hosts.LoadedFixtures.Scoped;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which classes already loaded an attach retransforms: exactly those the transformer would have
 * given advice had they loaded under the agent, and never the JDK's, ours, or a hidden class.
 */
class LoadedActivitiesTest {

    @Test
    void theClassesWhoseMethodsGetAdviceWithThoseMethods() {
        Runnable lambda = () -> { };
        Class<?>[] loaded = {Implementing.class, Greeter.class, Base.class, Overriding.class, Scoped.class,
            FieldOnly.class, Plain.class, lambda.getClass(), String.class, Dispatch.class, Activity.class,
            Base[].class, int.class, LoadedActivitiesTest.class};

        Map<Class<?>, Set<String>> expected = new LinkedHashMap<>();
        expected.put(Implementing.class, Set.of("greet"));
        expected.put(Base.class, Set.of("work"));
        expected.put(Overriding.class, Set.of("work"));
        expected.put(Scoped.class, Set.of("runFor"));
        assertEquals(expected, LoadedActivities.toRetransform(loaded, type -> true),
                "not an interface's abstract method, an @Account field alone, a class without our annotations,"
                        + " a lambda's hidden class, the JDK's, ours, the api's, an array or a primitive");
    }

    @Test
    void aClassTheJvmCannotRetransformIsLeftAlone() {
        assertEquals(Map.of(), LoadedActivities.toRetransform(new Class<?>[] {Base.class}, type -> false));
    }

    @Test
    void onlyTheJdksLoadersAndOurRoomsAreExcludedByOrigin() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        assertFalse(LoadedActivities.mayBeOurs(AgentInstaller.class, platform));
        assertFalse(LoadedActivities.mayBeOurs(Log.class, platform));
        assertFalse(LoadedActivities.mayBeOurs(Connection.class, platform), "the platform loader's");
        assertTrue(LoadedActivities.mayBeOurs(Plain.class, platform));
    }
}
