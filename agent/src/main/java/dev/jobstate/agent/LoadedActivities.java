package dev.jobstate.agent;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which classes, loaded before the agent was attached to a running JVM, have to be retransformed:
 * those ByteBuddy would have instrumented had they loaded under the agent. Narrowly, because a
 * retransformation is a stop of the whole JVM: never the JDK's classes or ours, only classes that
 * declare a method jobstate weaves advice into (an {@code @Activity}, one with an {@code @Account}
 * parameter, or one that implements or overrides an {@code @Activity}), matched by name as the
 * transformer does. A class whose methods cannot be read (a type they name is missing) is left alone:
 * ByteBuddy could not match it either.
 */
final class LoadedActivities {

    // The same rooms AgentInstaller ignores, and the api itself.
    private static final String[] OURS = {"dev.jobstate.agent.", "dev.jobstate.core.", "dev.jobstate.cli.",
        "dev.jobstate.shaded."};

    private LoadedActivities() {
    }

    /**
     * @param loaded what the JVM has loaded ({@code Instrumentation.getAllLoadedClasses()})
     * @param modifiable whether the JVM can retransform a class ({@code Instrumentation.isModifiableClass})
     * @return each class to retransform, with the names of its methods that get advice, in the order given
     */
    static Map<Class<?>, Set<String>> toRetransform(Class<?>[] loaded, Predicate<Class<?>> modifiable) {
        Map<Class<?>, Set<String>> found = new LinkedHashMap<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Class<?> type : loaded) {
            if (!mayBeOurs(type, platform) || !modifiable.test(type)) {
                continue;
            }
            Set<String> methods = adviced(type);
            if (!methods.isEmpty()) {
                found.put(type, methods);
            }
        }
        return found;
    }

    /** Not the JDK's (bootstrap and platform loaders), not ours, not an array, primitive or hidden class. */
    static boolean mayBeOurs(Class<?> type, ClassLoader platform) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == platform || type.isArray() || type.isPrimitive() || type.isHidden()
                || type.isAnnotation()) {
            return false;
        }
        String name = type.getName();
        if (name.startsWith("dev.jobstate.") && name.indexOf('.', "dev.jobstate.".length()) < 0) {
            return false; // the api's own classes, dev.jobstate.Activity and the like
        }
        for (String prefix : OURS) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The names of the methods of {@code type} that the transformer gives advice; empty if none or unreadable. */
    static Set<String> adviced(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Set<Method> inherited = null;
            for (Method method : type.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (Modifier.isAbstract(modifiers) || Modifier.isNative(modifiers)) {
                    continue;
                }
                if (hasAccountParameter(method)) {
                    names.add(method.getName());
                    continue;
                }
                if (method.isBridge()) {
                    continue;
                }
                if (isNamed(method.getDeclaredAnnotations(), AgentInstaller.ACTIVITY)) {
                    names.add(method.getName());
                } else if (!Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers)) {
                    if (inherited == null) {
                        inherited = activitiesAbove(type);
                    }
                    if (overridesAny(method, inherited)) {
                        names.add(method.getName());
                    }
                }
            }
        } catch (LinkageError | RuntimeException unreadable) {
            return Set.of();
        }
        return names;
    }

    private static boolean hasAccountParameter(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            if (isNamed(annotations, AgentInstaller.ACCOUNT)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamed(Annotation[] annotations, String name) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code @Activity} methods declared by the supertypes of {@code type} outside the JDK, at any depth. */
    private static Set<Method> activitiesAbove(Class<?> type) {
        Set<Method> found = new HashSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> next = todo.poll();
            Class<?> superclass = next.getSuperclass();
            if (superclass != null) {
                add(superclass, seen, todo);
            }
            for (Class<?> implemented : next.getInterfaces()) {
                add(implemented, seen, todo);
            }
        }
        for (Class<?> supertype : seen) {
            for (Method candidate : supertype.getDeclaredMethods()) {
                int modifiers = candidate.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers)
                        && isNamed(candidate.getDeclaredAnnotations(), AgentInstaller.ACTIVITY)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    private static void add(Class<?> type, Set<Class<?>> seen, Deque<Class<?>> todo) {
        if (type.getClassLoader() != null && type.getClassLoader() != ClassLoader.getPlatformClassLoader()
                && seen.add(type)) {
            todo.add(type);
        }
    }

    /** Same name and arity, each parameter assignable to the candidate's: as {@link MethodsToWeave} decides. */
    private static boolean overridesAny(Method method, Set<Method> candidates) {
        Class<?>[] mine = method.getParameterTypes();
        for (Method candidate : candidates) {
            if (!candidate.getName().equals(method.getName())) {
                continue;
            }
            Class<?>[] theirs = candidate.getParameterTypes();
            if (theirs.length != mine.length) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < mine.length && all; i++) {
                all = theirs[i].isAssignableFrom(mine[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
