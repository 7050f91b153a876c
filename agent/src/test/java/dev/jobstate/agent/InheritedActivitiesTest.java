package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.agent.weave.ClassFacts;
import dev.jobstate.agent.weave.ClassFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    void theImplementingAndOverridingMethodsAreWovenAndNoOthers() throws IOException {
        assertEquals(Set.of("greet(Ljava/lang/CharSequence;)Ljava/lang/String;"), activities(Hello.class));
        assertEquals(Set.of("work()I"), activities(Overriding.class));
        assertEquals(Set.of("work()I"), activities(Base.class), "carries its own");
        assertEquals(Set.of(), activities(Plain.class));
    }

    /** The methods of {@code type} that get the activity advice. */
    private Set<String> activities(Class<?> type) throws IOException {
        ClassFacts facts = ClassFacts.read(bytesOf(type));
        Set<String> woven = new TreeSet<>();
        MethodsToWeave.of(facts, new ClassFiles(loader, facts)).forEach((method, advice) -> {
            if (advice.activity()) {
                woven.add(method);
            }
        });
        return woven;
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
