package dev.jobstate.core.engine;

import java.util.Map;

/** The value a method of a given return type returns when there is nothing else to return. */
final class Zero {

    private static final Map<Class<?>, Object> PRIMITIVES = Map.of(
            boolean.class, false, byte.class, (byte) 0, short.class, (short) 0, char.class, (char) 0,
            int.class, 0, long.class, 0L, float.class, 0f, double.class, 0d);

    private Zero() {
    }

    static Object of(Class<?> type) {
        return PRIMITIVES.get(type);
    }
}
