package dev.jobstate.core.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FaithfulCheck} for the content of collections and maps: element by element in order,
 * except in hash-based ones, whose order depends on their capacity and history rather than their
 * content: their elements are matched by {@code equals}, then compared.
 */
final class ContainerCheck {

    private ContainerCheck() {
    }

    /** How the content of {@code b} differs from that of {@code a}, {@code depth} levels down, or null. */
    static Difference collections(Collection<?> a, Collection<?> b, int depth) {
        return unordered(b) ? hashedCollections(a, b, depth) : orderedCollections(a, b, depth);
    }

    /** How the content of {@code b} differs from that of {@code a}, {@code depth} levels down, or null. */
    static Difference maps(Map<?, ?> a, Map<?, ?> b, int depth) {
        return unordered(b) ? hashedMaps(a, b, depth) : orderedMaps(a, b, depth);
    }

    /** Hash-based: iteration order depends on capacity and history, not on content. */
    private static boolean unordered(Object replayed) {
        return (replayed instanceof HashSet && !(replayed instanceof LinkedHashSet))
                || (replayed instanceof HashMap && !(replayed instanceof LinkedHashMap))
                || replayed instanceof ConcurrentHashMap || replayed instanceof Hashtable;
    }

    private static Difference orderedCollections(Collection<?> a, Collection<?> b, int depth) {
        if (a.size() != b.size()) {
            return Difference.ofValue("it replays with " + b.size() + " elements, not " + a.size());
        }
        Iterator<?> ib = b.iterator();
        int i = 0;
        for (Object x : a) {
            Difference d = FaithfulCheck.compare(x, ib.next(), depth + 1);
            if (d != null) {
                return d.under("[" + i + "]");
            }
            i++;
        }
        return null;
    }

    private static Difference hashedCollections(Collection<?> a, Collection<?> b, int depth) {
        if (a.size() != b.size()) {
            return Difference.ofValue("it replays with " + b.size() + " elements, not " + a.size());
        }
        Map<Object, Object> replayed = new HashMap<>();
        b.forEach(y -> replayed.put(y, y));
        for (Object x : a) {
            if (!replayed.containsKey(x)) {
                return Difference.ofValue("it replays without the element " + FaithfulCheck.show(x)
                        + " (a Set's elements must define equals and hashCode)");
            }
            Difference d = FaithfulCheck.compare(x, replayed.get(x), depth + 1);
            if (d != null) {
                return d.under("[" + FaithfulCheck.show(x) + "]");
            }
        }
        return null;
    }

    private static Difference orderedMaps(Map<?, ?> a, Map<?, ?> b, int depth) {
        if (a.size() != b.size()) {
            return Difference.ofValue("it replays with " + b.size() + " entries, not " + a.size());
        }
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        for (Map.Entry<?, ?> x : a.entrySet()) {
            Map.Entry<?, ?> y = ib.next();
            Difference d = FaithfulCheck.compare(x.getKey(), y.getKey(), depth + 1);
            if (d != null) {
                return d.under("[key " + FaithfulCheck.show(x.getKey()) + "]");
            }
            d = FaithfulCheck.compare(x.getValue(), y.getValue(), depth + 1);
            if (d != null) {
                return d.under("[" + FaithfulCheck.show(x.getKey()) + "]");
            }
        }
        return null;
    }

    private static Difference hashedMaps(Map<?, ?> a, Map<?, ?> b, int depth) {
        if (a.size() != b.size()) {
            return Difference.ofValue("it replays with " + b.size() + " entries, not " + a.size());
        }
        Map<Object, Object> replayedKeys = new HashMap<>();
        b.keySet().forEach(k -> replayedKeys.put(k, k));
        for (Map.Entry<?, ?> x : a.entrySet()) {
            if (!replayedKeys.containsKey(x.getKey())) {
                return Difference.ofValue("it replays without the key " + FaithfulCheck.show(x.getKey())
                        + " (map keys are stored as text and read back as the declared key type)");
            }
            Object key = replayedKeys.get(x.getKey());
            Difference d = FaithfulCheck.compare(x.getKey(), key, depth + 1);
            if (d != null) {
                return d.under("[key " + FaithfulCheck.show(x.getKey()) + "]");
            }
            d = FaithfulCheck.compare(x.getValue(), b.get(key), depth + 1);
            if (d != null) {
                return d.under("[" + FaithfulCheck.show(x.getKey()) + "]");
            }
        }
        return null;
    }
}
