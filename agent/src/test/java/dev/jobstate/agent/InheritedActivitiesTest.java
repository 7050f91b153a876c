package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import org.junit.jupiter.api.Test;

/**
 * A class that implements or overrides an {@code @Activity} method inherits it: the prefilter lets it
 * through by reading its supertypes' class files, and the transformer matches the very methods.
 */
class InheritedActivitiesTest {

    interface Greeter {
        @Activity(type = "t", id = "greet")
        String greet(CharSequence who);
    }

    abstract static class Polite implements Greeter, Serializable {
        private static final long serialVersionUID = 1L;
    }

    static class Hello extends Polite {
        private static final long serialVersionUID = 1L;

        @Override
        public String greet(CharSequence who) {
            return "hello " + who;
        }

        public String unrelated() {
            return "";
        }
    }

    static class Base {
        @Activity(type = "t")
        int work() {
            return 1;
        }
    }

    static class Overriding extends Base {
        @Override
        int work() {
            return 2;
        }
    }

    static class Plain implements Runnable {
        @Override
        public void run() {
        }
    }

    private final InheritedActivities inherited = new InheritedActivities();
    private final ClassLoader loader = InheritedActivitiesTest.class.getClassLoader();

    @Test
    void aClassHeaderNamesItsSuperclassAndInterfaces() throws IOException {
        assertEquals(List.of(internal(Polite.class)), ClassHeader.supertypes(bytesOf(Hello.class)));
        assertEquals(List.of("java/lang/Object", internal(Greeter.class), "java/io/Serializable"),
                ClassHeader.supertypes(bytesOf(Polite.class)));
        assertEquals(List.of(), ClassHeader.supertypes(new byte[] {1, 2, 3}), "not a class file");
    }

    @Test
    void aClassWhoseSupertypesAtAnyDepthMentionActivityMayInheritOne() throws IOException {
        assertTrue(inherited.mayInherit(loader, supertypes(Hello.class)), "through Polite to Greeter");
        assertTrue(inherited.mayInherit(loader, supertypes(Overriding.class)));
        assertFalse(inherited.mayInherit(loader, supertypes(Plain.class)), "JDK supertypes are not read");
        assertFalse(inherited.mayInherit(loader, supertypes(Base.class)), "its own annotation is not inherited");
    }

    @Test
    void theImplementingAndOverridingMethodsMatchAndNoOthers() throws NoSuchMethodException {
        OverridesActivity matcher = new OverridesActivity(Activity.class.getName());
        assertTrue(matcher.matches(method(Hello.class, "greet", CharSequence.class)));
        assertTrue(matcher.matches(method(Overriding.class, "work")));
        assertFalse(matcher.matches(method(Hello.class, "unrelated")));
        assertFalse(matcher.matches(method(Base.class, "work")), "carries its own, not inherited");
    }

    private static MethodDescription method(Class<?> type, String name, Class<?>... parameters)
            throws NoSuchMethodException {
        return new MethodDescription.ForLoadedMethod(type.getDeclaredMethod(name, parameters));
    }

    private static List<String> supertypes(Class<?> type) throws IOException {
        return ClassHeader.supertypes(bytesOf(type));
    }

    /** Makes a lambda of Runnable and a method reference of Greeter: its invokedynamic sites name both. */
    static class Maker {
        Object make() {
            Runnable task = () -> { };
            Greeter greeter = String::valueOf;
            return List.of(task, greeter);
        }
    }

    @Test
    void aClassHeaderNamesTheTypesItsInvokedynamicSitesMake() throws IOException {
        assertEquals(List.of("java/lang/Runnable", internal(Greeter.class)), ClassHeader.of(bytesOf(Maker.class))
                .dynamicTypes());
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
