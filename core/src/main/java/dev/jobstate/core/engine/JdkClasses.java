package dev.jobstate.core.engine;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** What results treat specially about the JDK's own classes. */
final class JdkClasses {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
            BigDecimal.class, BigInteger.class, UUID.class);

    private JdkClasses() {
    }

    /**
     * Defined by the JDK's own loaders. Arrays and primitives count as the JDK's; an array of the
     * host's classes does not.
     */
    static boolean isJdk(Class<?> type) {
        ClassLoader loader = leaf(type).getClassLoader();
        return loader == null || loader == PLATFORM;
    }

    /** A name no class of the host's may have: whatever claims one is treated as the JDK's. */
    static boolean hasJdkName(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /** The element type of an array of arrays, or the type itself. */
    static Class<?> leaf(Class<?> type) {
        Class<?> leaf = type;
        while (leaf.isArray()) {
            leaf = leaf.getComponentType();
        }
        return leaf;
    }

    /**
     * The public class a collection of a non-public JDK class ({@code List.of}, {@code Arrays.asList},
     * {@code Collections.unmodifiableMap}, a {@code subList}, ...) is replayed as: the class its
     * interface replays as, so such a result declared {@code List<...>} keeps its plain shape. The
     * replay is equal and mutable. {@code type} itself when it is public, an {@code EnumSet} (which
     * replays exactly) or not a collection.
     */
    static Class<?> standIn(Class<?> type) {
        if (Modifier.isPublic(type.getModifiers()) || !isJdk(type) || EnumSet.class.isAssignableFrom(type)) {
            return type;
        }
        if (SortedMap.class.isAssignableFrom(type)) {
            return TreeMap.class;
        }
        if (Map.class.isAssignableFrom(type)) {
            return HashMap.class;
        }
        if (SortedSet.class.isAssignableFrom(type)) {
            return TreeSet.class;
        }
        if (Set.class.isAssignableFrom(type)) {
            return HashSet.class;
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return ArrayList.class;
        }
        return type;
    }

    /**
     * The JDK classes whose names a result may store: primitives and their boxes, {@code String},
     * {@code BigDecimal}, {@code BigInteger}, {@code UUID}, the public classes of {@code java.time},
     * the public collections and maps of {@code java.util} (with {@code EnumSet}) and
     * {@code java.util.concurrent}, the {@code Optional}s, and arrays of these. They only hold
     * values: creating one runs no code of an attacker's choosing.
     */
    static boolean isStorableValueType(Class<?> type) {
        Class<?> leaf = leaf(type);
        if (leaf.isPrimitive() || SCALARS.contains(leaf)) {
            return true;
        }
        if (!Modifier.isPublic(leaf.getModifiers()) || !isJdk(leaf)) {
            return false;
        }
        String where = leaf.getPackageName();
        if (where.equals("java.time")) {
            return true;
        }
        if (leaf == Optional.class || leaf == OptionalInt.class || leaf == OptionalLong.class
                || leaf == OptionalDouble.class) {
            return true;
        }
        return (where.equals("java.util") || where.equals("java.util.concurrent"))
                && (Collection.class.isAssignableFrom(leaf) || Map.class.isAssignableFrom(leaf));
    }
}
