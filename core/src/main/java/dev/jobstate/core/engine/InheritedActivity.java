package dev.jobstate.core.engine;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code @Activity} a method carries, or inherits: Java does not inherit method annotations,
 * but a method that implements an annotated interface or abstract method, or overrides an annotated
 * one, is that activity to a bot's author, and jobstate treats it so. The nearest declaration wins:
 * the method's own, then its superclasses', then its interfaces'.
 */
final class InheritedActivity {

    /** An annotated method, and the annotation. */
    record Declaration(Method method, Annotation activity) {
    }

    private InheritedActivity() {
    }

    /** The declaration {@code method} takes its {@code @Activity} from, or null if it has none. */
    static Declaration of(Method method) {
        if (method.isBridge()) {
            return null; // a bridge calls the real method, which is the one tracked
        }
        Annotation own = Annotations.find(method.getAnnotations(), Annotations.ACTIVITY);
        if (own != null) {
            return new Declaration(method, own);
        }
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
            return null;
        }
        for (Class<?> type : supertypes(method.getDeclaringClass())) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (overrides(method, candidate)) {
                    Annotation inherited = Annotations.find(candidate.getAnnotations(), Annotations.ACTIVITY);
                    if (inherited != null) {
                        return new Declaration(candidate, inherited);
                    }
                }
            }
        }
        return null;
    }

    private static boolean overrides(Method method, Method candidate) {
        int modifiers = candidate.getModifiers();
        if (candidate.isBridge() || Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)
                || !candidate.getName().equals(method.getName())
                || candidate.getParameterCount() != method.getParameterCount()) {
            return false;
        }
        Class<?>[] mine = method.getParameterTypes();
        Class<?>[] theirs = candidate.getParameterTypes();
        for (int i = 0; i < mine.length; i++) {
            if (!theirs[i].isAssignableFrom(mine[i])) {
                return false;
            }
        }
        return true;
    }

    /** Superclasses nearest first, then interfaces, breadth first; the JDK's are left out. */
    private static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Class<?> c = type.getSuperclass(); c != null && !isJdk(c); c = c.getSuperclass()) {
            classes.add(c);
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        todo.addAll(classes);
        while (!todo.isEmpty()) {
            for (Class<?> implemented : todo.poll().getInterfaces()) {
                if (!isJdk(implemented) && interfaces.add(implemented)) {
                    todo.add(implemented);
                }
            }
        }
        classes.addAll(interfaces);
        return classes;
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }
}
