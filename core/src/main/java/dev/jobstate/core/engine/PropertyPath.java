package dev.jobstate.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dotted path of properties, {@code "login.email"}, read off a value: on a {@link Map} each step is
 * a key; on anything else it is a no-argument method of that name (a record accessor), a getter
 * ({@code getEmail()}, {@code isEmail()}), or a field, tried in that order on the runtime class.
 */
final class PropertyPath {

    private static final PropertyPath EMPTY = new PropertyPath("", List.of());
    private static final ClassValue<Map<String, Accessor>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Accessor> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** A step's accessor for the class it was last read on: most paths always see one class. */
    private record Known(Class<?> type, Accessor accessor) {
    }

    private final String text;
    private final List<String> steps;
    private final Known[] lastKnown; // per step; a racy cache of immutable records, which is fine

    private PropertyPath(String text, List<String> steps) {
        this.text = text;
        this.steps = steps;
        this.lastKnown = new Known[steps.size()];
    }

    /** Parses {@code "a.b.c"}; the empty text is the value itself. */
    public static PropertyPath parse(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<String> steps = new ArrayList<>();
        for (String step : text.split("\\.", -1)) {
            if (!isIdentifier(step)) {
                throw new IllegalArgumentException("'" + text + "' is not a property path"
                        + " (names separated by dots, like offer.id)");
            }
            steps.add(step);
        }
        return new PropertyPath(text, List.copyOf(steps));
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Follows the path from {@code root}; the value at its end may be null. */
    public Object resolve(Object root, String rootName) throws Unresolvable {
        Object value = root;
        // Indexed, and names built only for messages: this runs on every call of an activity.
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            if (value == null) {
                throw new Unresolvable(where(rootName, i) + " is null, so it has no ." + step);
            }
            Known known = lastKnown[i];
            Accessor accessor;
            if (known != null && known.type == value.getClass()) {
                accessor = known.accessor;
            } else {
                accessor = accessor(value.getClass(), step, rootName, i);
                lastKnown[i] = new Known(value.getClass(), accessor);
            }
            try {
                value = accessor.read(value);
            } catch (InvocationTargetException e) {
                throw new Unresolvable("reading " + where(rootName, i + 1) + " threw " + e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new Unresolvable("cannot read " + where(rootName, i + 1) + ": " + e.getMessage());
            }
        }
        return value;
    }

    private String where(String rootName, int depth) {
        StringBuilder where = new StringBuilder(rootName);
        for (int i = 0; i < depth; i++) {
            where.append('.').append(steps.get(i));
        }
        return where.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private Accessor accessor(Class<?> type, String name, String rootName, int depth) throws Unresolvable {
        Map<String, Accessor> known = ACCESSORS.get(type);
        Accessor accessor = known.get(name);
        if (accessor == null) {
            accessor = find(type, name);
            known.put(name, accessor);
        }
        if (accessor == Accessor.NONE) {
            throw new Unresolvable(where(rootName, depth) + " (a " + type.getName() + ") has no property '" + name
                    + "': no method " + name + "() or get" + capitalized(name) + "(), no field " + name);
        }
        return accessor;
    }

    private static Accessor find(Class<?> type, String name) {
        if (Map.class.isAssignableFrom(type)) {
            return target -> ((Map<?, ?>) target).get(name);
        }
        for (String candidate : List.of(name, "get" + capitalized(name), "is" + capitalized(name))) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.getName().equals(candidate) && method.getParameterCount() == 0
                            && method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())
                            && !method.isSynthetic() && opened(method)) {
                        return invoking(method);
                    }
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 0
                    && method.getReturnType() != void.class && opened(method)) {
                return invoking(method);
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && !Modifier.isStatic(field.getModifiers()) && opened(field)) {
                    return field::get;
                }
            }
        }
        return Accessor.NONE;
    }

    /**
     * Reads through a method handle rather than {@code Method.invoke}: no arguments array on every
     * call, and a direct call once the JIT sees the handle. The member was made accessible, which
     * lets any lookup unreflect it.
     */
    private static Accessor invoking(Method method) {
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            return method::invoke;
        }
        return target -> {
            try {
                return handle.invokeExact(target);
            } catch (Throwable thrown) {
                throw new InvocationTargetException(thrown); // the getter's own, as Method.invoke reports it
            }
        };
    }

    /**
     * Makes a member of a host class readable. Members of classes in named modules that are not
     * opened to us stay closed; the next candidate is tried instead.
     */
    private static boolean opened(AccessibleObject member) {
        try {
            member.setAccessible(true);
            return true;
        } catch (RuntimeException closed) {
            return false;
        }
    }

    private static boolean isIdentifier(String text) {
        if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(Character::isJavaIdentifierPart);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @FunctionalInterface
    private interface Accessor {
        Accessor NONE = target -> null;

        Object read(Object target) throws ReflectiveOperationException;
    }
}
