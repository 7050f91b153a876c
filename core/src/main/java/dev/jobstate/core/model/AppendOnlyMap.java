package dev.jobstate.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * An immutable, insertion-ordered map of ids that a day's state and the states made from it share as
 * they grow. A checkpoint adds one id to a day of hundreds: copying every entry into a new
 * LinkedHashMap, as each change did for each of the day's maps, was a tenth of its CPU. Adding an
 * id here writes one slot of arrays that the maps it grew from do not look at (each sees only its
 * first {@code size} slots); replacing or removing an entry copies, as before.
 *
 * <p>Safe to read from any thread, like any immutable map: a map's slots are written before it is
 * made and reached through its final fields; each slot is handed out once (a compare-and-set on the
 * shared count), so of two maps grown from the same one only the first writes in place and the
 * second copies; the shared index from id to slot is concurrent, as later maps add to it.
 */
public final class AppendOnlyMap<V> extends AbstractMap<String, V> {

    private static final AppendOnlyMap<Object> EMPTY = new AppendOnlyMap<>(new Shared(0), new String[0],
            new Object[0], 0);

    private final Shared shared;
    private final String[] keys;
    private final Object[] values;
    private final int size;

    private AppendOnlyMap(Shared shared, String[] keys, Object[] values, int size) {
        this.shared = shared;
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** What the maps grown from one another share: which slot holds each id, and how many are taken. */
    private static final class Shared {
        final ConcurrentHashMap<String, Integer> slots;
        final AtomicInteger taken;

        Shared(int size) {
            slots = new ConcurrentHashMap<>(Math.max(16, size * 2));
            taken = new AtomicInteger(size);
        }
    }

    @SuppressWarnings("unchecked")
    static <V> AppendOnlyMap<V> empty() {
        return (AppendOnlyMap<V>) EMPTY;
    }

    /** {@code map} itself if it is one, else its entries in its order. */
    static <V> AppendOnlyMap<V> from(Map<String, ? extends V> map) {
        if (map instanceof AppendOnlyMap<?>) {
            @SuppressWarnings("unchecked")
            AppendOnlyMap<V> same = (AppendOnlyMap<V>) map;
            return same;
        }
        if (map.isEmpty()) {
            return empty();
        }
        int n = map.size();
        String[] keys = new String[n];
        Object[] values = new Object[n];
        Shared shared = new Shared(n);
        int i = 0;
        for (Map.Entry<String, ? extends V> entry : map.entrySet()) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            shared.slots.put(keys[i], i);
            i++;
        }
        return new AppendOnlyMap<>(shared, keys, values, n);
    }

    /** The distinct {@code ids} in their order, each mapped to {@code value}. */
    static <V> AppendOnlyMap<V> ofKeys(Collection<String> ids, V value) {
        AppendOnlyMap<V> map = empty();
        for (String id : ids) {
            map = map.with(id, value);
        }
        return map;
    }

    /** This map with {@code key} mapped to {@code value}: added at the end if new, else in its place. */
    AppendOnlyMap<V> with(String key, V value) {
        int slot = slotOf(key);
        if (slot >= 0) {
            if (values[slot] == value) {
                return this;
            }
            Object[] replaced = Arrays.copyOf(values, size);
            replaced[slot] = value;
            return reindexed(Arrays.copyOf(keys, size), replaced, size);
        }
        if (size == 0) { // a fresh map: empty() is shared by every day, and must not share slots
            return reindexed(new String[] {key, null, null, null}, new Object[] {value, null, null, null}, 1);
        }
        if (shared.taken.compareAndSet(size, size + 1)) {
            String[] k = keys;
            Object[] v = values;
            if (size == k.length) {
                int room = Math.max(8, size + (size >> 1));
                k = Arrays.copyOf(k, room);
                v = Arrays.copyOf(v, room);
            }
            k[size] = key;
            v[size] = value;
            shared.slots.put(key, size);
            return new AppendOnlyMap<>(shared, k, v, size + 1);
        }
        // Another map already grew from this one: copy, and grow the copy.
        String[] k = Arrays.copyOf(keys, size + 1 + (size >> 1));
        Object[] v = Arrays.copyOf(values, k.length);
        k[size] = key;
        v[size] = value;
        return reindexed(k, v, size + 1);
    }

    /** This map without {@code key}. */
    AppendOnlyMap<V> without(String key) {
        int slot = slotOf(key);
        if (slot < 0) {
            return this;
        }
        String[] k = new String[size - 1];
        Object[] v = new Object[size - 1];
        System.arraycopy(keys, 0, k, 0, slot);
        System.arraycopy(values, 0, v, 0, slot);
        System.arraycopy(keys, slot + 1, k, slot, size - slot - 1);
        System.arraycopy(values, slot + 1, v, slot, size - slot - 1);
        return size == 1 ? empty() : reindexed(k, v, size - 1);
    }

    private static <V> AppendOnlyMap<V> reindexed(String[] keys, Object[] values, int size) {
        Shared shared = new Shared(size);
        for (int i = 0; i < size; i++) {
            shared.slots.put(keys[i], i);
        }
        return new AppendOnlyMap<>(shared, keys, values, size);
    }

    /**
     * The map behind {@code mapOrKeys}, an AppendOnlyMap or its {@link #keySet}, or null for any
     * other: what a writer asks before it trusts {@link #grewFrom}.
     */
    public static AppendOnlyMap<?> behind(Object mapOrKeys) {
        if (mapOrKeys instanceof AppendOnlyMap<?> map) {
            return map;
        }
        return mapOrKeys instanceof AppendOnlyMap<?>.Keys keys ? keys.map() : null;
    }

    /**
     * Whether this map is {@code before} with entries added at its end: then its first
     * {@code before.size()} entries are the very keys and values {@code before} holds, since a slot
     * is written once and maps that share slots only ever add (replacing or removing copies). A
     * writer of the day then needs to look at the added entries only.
     */
    public boolean grewFrom(AppendOnlyMap<?> before) {
        return before != null && before.shared == shared && before.size <= size;
    }

    /** The key of entry {@code i}, in insertion order. */
    public String keyAt(int i) {
        return keys[Objects.checkIndex(i, size)];
    }

    /** The value of entry {@code i}, in insertion order. */
    @SuppressWarnings("unchecked")
    public V valueAt(int i) {
        return (V) values[Objects.checkIndex(i, size)];
    }

    /** The slot of {@code key} among this map's, or -1: later maps' slots do not count. */
    private int slotOf(Object key) {
        if (size == 0 || !(key instanceof String)) {
            return -1;
        }
        Integer slot = shared.slots.get(key);
        return slot != null && slot < size ? slot : -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return slotOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int slot = slotOf(key);
        return slot >= 0 ? (V) values[slot] : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], (V) values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Slots<>() {
                    @Override
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, V> at(int i) {
                        return new SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The ids in their order, as a set whose {@code contains} is this map's index. */
    @Override
    public Set<String> keySet() {
        return new Keys();
    }

    /** {@link #keySet}: it knows its map, so a writer can ask {@link #behind} it. */
    private final class Keys extends AbstractSet<String> {

        AppendOnlyMap<V> map() {
            return AppendOnlyMap.this;
        }

        @Override
        public Iterator<String> iterator() {
            return new Slots<>() {
                @Override
                String at(int i) {
                    return keys[i];
                }
            };
        }

        @Override
        public boolean contains(Object key) {
            return slotOf(key) >= 0;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** An iterator over this map's slots, in order; it cannot remove. */
    private abstract class Slots<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}
