package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What "replays as itself" means, checked independently of the codec's own comparison: the same
 * class at every level (a non-public JDK list, set or map as ArrayList, HashSet or HashMap), equal,
 * and for classes that do not define equals, the same fields.
 */
final class ReplayAssertions {

    private ReplayAssertions() {
    }

    static void assertReplaysAsItself(Object expected, Object actual) {
        assertReplaysAs(expected == null ? null : publicClassOf(expected), expected, actual);
    }

    static void assertReplaysAs(Class<?> replaysAs, Object expected, Object actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertNotNull(actual, "replayed null");
        assertEquals(replaysAs, actual.getClass(), "the replayed class");
        same(expected, actual, "the result");
    }

    /** The class a value replays as: its own, or for the JDK's non-public collections, the public one. */
    private static Class<?> publicClassOf(Object value) {
        Class<?> type = value.getClass();
        if (Modifier.isPublic(type.getModifiers()) || !type.getName().startsWith("java.util.")
                || value instanceof EnumSet) {
            return type;
        }
        if (value instanceof List) {
            return ArrayList.class;
        }
        if (value instanceof Set) {
            return HashSet.class;
        }
        return value instanceof Map ? HashMap.class : type;
    }

    private static void same(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, where);
            return;
        }
        assertEquals(publicClassOf(expected), actual.getClass(), "the class of " + where);
        if (expected.getClass().isArray()) {
            assertEquals(Array.getLength(expected), Array.getLength(actual), "the length of " + where);
            for (int i = 0; i < Array.getLength(expected); i++) {
                same(Array.get(expected, i), Array.get(actual, i), where + "[" + i + "]");
            }
        } else if (expected instanceof Optional<?> optional) {
            same(optional.orElse(null), ((Optional<?>) actual).orElse(null), where + ".get()");
        } else if (expected instanceof Map<?, ?> map) {
            assertEquals(map.keySet(), ((Map<?, ?>) actual).keySet(), "the keys of " + where);
            assertEquals(classes(map.keySet()), classes(((Map<?, ?>) actual).keySet()), "the key classes of " + where);
            map.forEach((k, v) -> same(v, ((Map<?, ?>) actual).get(k), where + "[" + k + "]"));
        } else if (expected instanceof Set<?> set) {
            assertEquals(set, actual, where);
            assertEquals(classes(set), classes((Set<?>) actual), "the element classes of " + where);
        } else if (expected instanceof Collection<?> collection) {
            assertEquals(collection.size(), ((Collection<?>) actual).size(), "the size of " + where);
            Iterator<?> replayed = ((Collection<?>) actual).iterator();
            int i = 0;
            for (Object element : collection) {
                same(element, replayed.next(), where + "[" + i++ + "]");
            }
        } else if (definesEquals(expected.getClass())) {
            assertEquals(expected, actual, where);
        } else {
            for (Class<?> c = expected.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        same(read(field, expected), read(field, actual), where + "." + field.getName());
                    }
                }
            }
        }
    }

    private static Set<Class<?>> classes(Collection<?> values) {
        return values.stream().map(v -> v == null ? Void.class : v.getClass()).collect(Collectors.toSet());
    }

    private static boolean definesEquals(Class<?> type) {
        try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Object read(Field field, Object from) {
        try {
            return field.get(from);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
