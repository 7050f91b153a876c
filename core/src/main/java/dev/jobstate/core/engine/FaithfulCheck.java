package dev.jobstate.core.engine;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a replayed value is the value that was recorded: the same class at every level, and the
 * same state. The host's classes are compared field by field, every field, transient ones included,
 * because their {@code equals} cannot be trusted for this: beans rarely define one, and many compare
 * only an id. The JDK's value classes are compared with {@code equals}, which they define exactly
 * ({@code BigDecimal} with its scale, {@code ZonedDateTime} with its zone, {@code Double} with NaN).
 * Collections and maps are compared element by element, in order, except hash-based ones, whose
 * order depends on their history: their elements are matched by {@code equals}, then compared.
 *
 * <p>A serialized tree of each side would not do: Jackson's forms for some JDK classes drop state
 * (a {@code Calendar}'s zone, a {@code File}'s relative path, a {@code Timestamp}'s nanoseconds), so
 * two different values could serialize alike.
 */
final class FaithfulCheck {

    /** Deeper than any value that serialized within the depth limit, so only a bug reaches it. */
    private static final int MAX_DEPTH = 4 * ResultCodec.MAX_RESULT_DEPTH;

    private static final ClassValue<State> STATES = new ClassValue<>() {
        @Override
        protected State computeValue(Class<?> type) {
            return State.of(type);
        }
    };

    private FaithfulCheck() {
    }

    /** How {@code replayed} differs from {@code original}, or null when it is a faithful copy. */
    static Difference difference(Object original, Object replayed) {
        return compare(original, replayed, 0);
    }

    /** What differs, and where: the path from the result down to it. */
    static final class Difference {
        private final String what;
        private final boolean ofClass;
        private final Deque<String> path = new ArrayDeque<>();

        Difference(String what) {
            this(what, false);
        }

        private Difference(String what, boolean ofClass) {
            this.what = what;
            this.ofClass = ofClass;
        }

        /** Whether a value replays as another class, rather than as its class with other contents. */
        boolean ofClass() {
            return ofClass;
        }

        private Difference under(String step) {
            path.addFirst(step);
            return this;
        }

        @Override
        public String toString() {
            if (path.isEmpty()) {
                return what;
            }
            String where = String.join("", path);
            return "at " + (where.startsWith(".") ? where.substring(1) : where) + " " + what;
        }
    }

    private static Difference compare(Object a, Object b, int depth) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return new Difference("it replays as " + show(b) + ", not " + show(a));
        }
        if (depth > MAX_DEPTH) {
            return new Difference("it is nested too deeply to compare");
        }
        Class<?> type = a.getClass();
        if (b.getClass() != type && b.getClass() != JdkClasses.standIn(type)) {
            return new Difference("it replays as " + TypeNames.withArticle(b.getClass()) + ", not "
                    + TypeNames.withArticle(type), true);
        }
        if (type.isArray()) {
            return arrays(a, b, depth);
        }
        if (a instanceof Enum<?>) {
            return new Difference("it replays as " + show(b) + ", not " + show(a));
        }
        if (a instanceof Optional<?> optional) {
            Difference d = compare(optional.orElse(null), ((Optional<?>) b).orElse(null), depth + 1);
            return d == null ? null : d.under(".get()");
        }
        Difference content = null;
        if (a instanceof Map<?, ?> map) {
            content = unordered(b) ? hashedMaps(map, (Map<?, ?>) b, depth) : orderedMaps(map, (Map<?, ?>) b, depth);
        } else if (a instanceof Collection<?> collection) {
            content = unordered(b) ? hashedCollections(collection, (Collection<?>) b, depth)
                    : orderedCollections(collection, (Collection<?>) b, depth);
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
            return new Difference("it is " + TypeNames.withArticle(a.getClass()) + ", which is never equal to"
                    + " a copy of itself (it does not define equals)");
        }
        return new Difference("it replays as " + show(b) + ", not " + show(a));
    }

    private static Difference fields(Object a, Object b, int depth) {
        State state = STATES.get(a.getClass());
        if (state.problem != null) {
            return new Difference(state.problem);
        }
        for (Field field : state.fields) {
            Object x;
            Object y;
            try {
                x = field.get(a);
                y = field.get(b);
            } catch (IllegalAccessException e) {
                return new Difference("its field " + field.getName() + " cannot be read");
            }
            Difference d = field.getType().isPrimitive() ? (x.equals(y) ? null
                    : new Difference("it replays as " + show(y) + ", not " + show(x)))
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
            return new Difference("it replays with " + Array.getLength(b) + " elements, not " + length);
        }
        boolean primitive = a.getClass().getComponentType().isPrimitive();
        for (int i = 0; i < length; i++) {
            Object x = Array.get(a, i);
            Object y = Array.get(b, i);
            Difference d = primitive ? (x.equals(y) ? null : new Difference("it replays as " + y + ", not " + x))
                    : compare(x, y, depth + 1);
            if (d != null) {
                return d.under("[" + i + "]");
            }
        }
        return null;
    }

    /** Hash-based: iteration order depends on capacity and history, not on content. */
    private static boolean unordered(Object replayed) {
        return (replayed instanceof HashSet && !(replayed instanceof LinkedHashSet))
                || (replayed instanceof HashMap && !(replayed instanceof LinkedHashMap))
                || replayed instanceof ConcurrentHashMap || replayed instanceof Hashtable;
    }

    private static Difference orderedCollections(Collection<?> a, Collection<?> b, int depth) {
        if (a.size() != b.size()) {
            return new Difference("it replays with " + b.size() + " elements, not " + a.size());
        }
        Iterator<?> ib = b.iterator();
        int i = 0;
        for (Object x : a) {
            Difference d = compare(x, ib.next(), depth + 1);
            if (d != null) {
                return d.under("[" + i + "]");
            }
            i++;
        }
        return null;
    }

    private static Difference hashedCollections(Collection<?> a, Collection<?> b, int depth) {
        if (a.size() != b.size()) {
            return new Difference("it replays with " + b.size() + " elements, not " + a.size());
        }
        Map<Object, Object> replayed = new HashMap<>();
        b.forEach(y -> replayed.put(y, y));
        for (Object x : a) {
            if (!replayed.containsKey(x)) {
                return new Difference("it replays without the element " + show(x)
                        + " (a Set's elements must define equals and hashCode)");
            }
            Difference d = compare(x, replayed.get(x), depth + 1);
            if (d != null) {
                return d.under("[" + show(x) + "]");
            }
        }
        return null;
    }

    private static Difference orderedMaps(Map<?, ?> a, Map<?, ?> b, int depth) {
        if (a.size() != b.size()) {
            return new Difference("it replays with " + b.size() + " entries, not " + a.size());
        }
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        for (Map.Entry<?, ?> x : a.entrySet()) {
            Map.Entry<?, ?> y = ib.next();
            Difference d = compare(x.getKey(), y.getKey(), depth + 1);
            if (d != null) {
                return d.under("[key " + show(x.getKey()) + "]");
            }
            d = compare(x.getValue(), y.getValue(), depth + 1);
            if (d != null) {
                return d.under("[" + show(x.getKey()) + "]");
            }
        }
        return null;
    }

    private static Difference hashedMaps(Map<?, ?> a, Map<?, ?> b, int depth) {
        if (a.size() != b.size()) {
            return new Difference("it replays with " + b.size() + " entries, not " + a.size());
        }
        Map<Object, Object> replayedKeys = new HashMap<>();
        b.keySet().forEach(k -> replayedKeys.put(k, k));
        for (Map.Entry<?, ?> x : a.entrySet()) {
            if (!replayedKeys.containsKey(x.getKey())) {
                return new Difference("it replays without the key " + show(x.getKey())
                        + " (map keys are stored as text and read back as the declared key type)");
            }
            Object key = replayedKeys.get(x.getKey());
            Difference d = compare(x.getKey(), key, depth + 1);
            if (d != null) {
                return d.under("[key " + show(x.getKey()) + "]");
            }
            d = compare(x.getValue(), b.get(key), depth + 1);
            if (d != null) {
                return d.under("[" + show(x.getKey()) + "]");
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
    private static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
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

    /**
     * The fields that hold an instance's state, from its class up to the first JDK class, which must
     * hold none (Object, Record) unless it is a collection or map, compared by content instead.
     */
    private static final class State {
        final List<Field> fields;
        final String problem;

        private State(List<Field> fields, String problem) {
            this.fields = fields;
            this.problem = problem;
        }

        static State of(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            Class<?> c = type;
            for (; c != null && !JdkClasses.isJdk(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    if (!field.trySetAccessible()) {
                        return new State(List.of(), "its field " + field.getName() + " cannot be read");
                    }
                    fields.add(field);
                }
            }
            if (c != null && c != Object.class && c != Record.class
                    && !Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c)) {
                return new State(List.of(), "it extends " + c.getName()
                        + ", a JDK class whose state cannot be compared with its replay");
            }
            return new State(List.copyOf(fields), null);
        }
    }
}
