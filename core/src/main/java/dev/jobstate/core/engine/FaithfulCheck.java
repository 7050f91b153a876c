package dev.jobstate.core.engine;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a replayed value is the value that was recorded: the same class at every level, and the
 * same state. The host's classes are compared field by field, every field, transient ones included,
 * because their {@code equals} cannot be trusted for this: beans rarely define one, and many compare
 * only an id. The JDK's value classes are compared with {@code equals}, which they define exactly
 * ({@code BigDecimal} with its scale, {@code ZonedDateTime} with its zone, {@code Double} with NaN).
 * Collections and maps are compared by their content ({@link ContainerCheck}).
 *
 * <p>A serialized tree of each side would not do: Jackson's forms for some JDK classes drop state
 * (a {@code Calendar}'s zone, a {@code File}'s relative path, a {@code Timestamp}'s nanoseconds), so
 * two different values could serialize alike.
 */
final class FaithfulCheck {

    /** Deeper than any value that serialized within the depth limit, so only a bug reaches it. */
    private static final int MAX_DEPTH = 4 * ResultCodec.MAX_RESULT_DEPTH;

    private FaithfulCheck() {
    }

    /** How {@code replayed} differs from {@code original}, or null when it is a faithful copy. */
    static Difference difference(Object original, Object replayed) {
        return compare(original, replayed, 0);
    }

    /** {@link #difference}, {@code depth} levels down into the result. */
    static Difference compare(Object a, Object b, int depth) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return Difference.ofValue("it replays as " + show(b) + ", not " + show(a));
        }
        if (depth > MAX_DEPTH) {
            return Difference.ofValue("it is nested too deeply to compare");
        }
        Class<?> type = a.getClass();
        if (b.getClass() != type && b.getClass() != JdkClasses.standIn(type)) {
            return Difference.ofClass("it replays as " + TypeNames.withArticle(b.getClass()) + ", not "
                    + TypeNames.withArticle(type));
        }
        if (type.isArray()) {
            return arrays(a, b, depth);
        }
        if (a instanceof Enum<?>) {
            return Difference.ofValue("it replays as " + show(b) + ", not " + show(a));
        }
        if (a instanceof Optional<?> optional) {
            Difference d = compare(optional.orElse(null), ((Optional<?>) b).orElse(null), depth + 1);
            return d == null ? null : d.under(".get()");
        }
        Difference content = null;
        if (a instanceof Map<?, ?> map) {
            content = ContainerCheck.maps(map, (Map<?, ?>) b, depth);
        } else if (a instanceof Collection<?> collection) {
            content = ContainerCheck.collections(collection, (Collection<?>) b, depth);
        } else if (JdkClasses.isJdk(type)) {
            return jdkValues(a, b);
        }
        return content != null ? content : fields(a, b, depth);
    }

    private static Difference jdkValues(Object a, Object b) {
        if (a.equals(b)) {
            return null;
        }
        if (!definesEquals(a.getClass())) {
            return Difference.ofValue("it is " + TypeNames.withArticle(a.getClass()) + ", which is never equal to"
                    + " a copy of itself (it does not define equals)");
        }
        return Difference.ofValue("it replays as " + show(b) + ", not " + show(a));
    }

    private static Difference fields(Object a, Object b, int depth) {
        InstanceFields state = InstanceFields.of(a.getClass());
        if (state.problem != null) {
            return Difference.ofValue(state.problem);
        }
        for (Field field : state.fields) {
            Object x;
            Object y;
            try {
                x = field.get(a);
                y = field.get(b);
            } catch (IllegalAccessException e) {
                return Difference.ofValue("its field " + field.getName() + " cannot be read");
            }
            Difference d = field.getType().isPrimitive() ? (x.equals(y) ? null
                    : Difference.ofValue("it replays as " + show(y) + ", not " + show(x)))
                    : compare(x, y, depth + 1);
            if (d != null) {
                return d.under("." + field.getName());
            }
        }
        return null;
    }

    private static Difference arrays(Object a, Object b, int depth) {
        int length = Array.getLength(a);
        if (length != Array.getLength(b)) {
            return Difference.ofValue("it replays with " + Array.getLength(b) + " elements, not " + length);
        }
        boolean primitive = a.getClass().getComponentType().isPrimitive();
        for (int i = 0; i < length; i++) {
            Object x = Array.get(a, i);
            Object y = Array.get(b, i);
            Difference d = primitive ? (x.equals(y) ? null : Difference.ofValue("it replays as " + y + ", not " + x))
                    : compare(x, y, depth + 1);
            if (d != null) {
                return d.under("[" + i + "]");
            }
        }
        return null;
    }

    private static boolean definesEquals(Class<?> type) {
        try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * A value as messages show it: a JDK scalar by its text, anything else by its class, so that no
     * {@code toString()} of the host's runs.
     */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        Class<?> type = value.getClass();
        if (JdkClasses.isJdk(type) && !type.isArray() && !(value instanceof Collection)
                && !(value instanceof Map) && !(value instanceof Optional)) {
            String s = String.valueOf(value);
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
        return TypeNames.withArticle(type);
    }
}
