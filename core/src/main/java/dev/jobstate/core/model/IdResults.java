package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The results a day's {@link Completions} hold, as compact as the ids they belong to and cheap to
 * add to: each completed id's result is kept under the offset of that id in its {@link PackedIds},
 * in offset order, so the result of the id completed last is appended (a checkpoint into a day of
 * hundreds copied a map of them all); the result of an id that is not completed (a hand-edited
 * file) is kept by id in a map of its own. Immutable; read and changed with the ids they belong to,
 * or ids grown from those (an id keeps its offset).
 */
final class IdResults {

    static final IdResults NONE = new IdResults(new int[0], new JsonNode[0], Map.of());

    private final int[] offsets; // ascending
    private final JsonNode[] values;
    private final Map<String, JsonNode> others;

    private IdResults(int[] offsets, JsonNode[] values, Map<String, JsonNode> others) {
        this.offsets = offsets;
        this.values = values;
        this.others = others;
    }

    static IdResults of(PackedIds ids, Map<String, JsonNode> results) {
        if (results.isEmpty()) {
            return NONE;
        }
        int n = 0;
        int[] at = new int[results.size()];
        JsonNode[] found = new JsonNode[results.size()];
        Map<String, JsonNode> others = new HashMap<>();
        boolean sorted = true;
        for (Map.Entry<String, JsonNode> result : results.entrySet()) {
            int offset = ids.offsetOf(result.getKey());
            if (offset < 0) {
                others.put(result.getKey(), result.getValue());
            } else {
                sorted &= n == 0 || at[n - 1] < offset;
                at[n] = offset;
                found[n++] = result.getValue();
            }
        }
        int[] offsets = Arrays.copyOf(at, n);
        JsonNode[] values = Arrays.copyOf(found, n);
        if (!sorted) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt(i -> at[i]));
            for (int i = 0; i < n; i++) {
                offsets[i] = at[order[i]];
                values[i] = found[order[i]];
            }
        }
        return new IdResults(offsets, values, Map.copyOf(others));
    }

    /** The result of {@code id}, or null; {@code ids} are those these results were made with, or grown from them. */
    JsonNode get(PackedIds ids, String id) {
        if (offsets.length > 0) {
            int offset = ids.offsetOf(id);
            if (offset >= 0) {
                int at = Arrays.binarySearch(offsets, offset);
                if (at >= 0) {
                    return values[at];
                }
            }
        }
        return others.isEmpty() ? null : others.get(id);
    }

    /** These results with {@code id}'s set to {@code value}, or without one for null; {@code ids} as for {@link #get}. */
    IdResults with(PackedIds ids, String id, JsonNode value) {
        int offset = ids.offsetOf(id);
        if (offset < 0 || others.containsKey(id)) {
            Map<String, JsonNode> all = new HashMap<>(toMap(ids));
            if (value == null) {
                all.remove(id);
            } else {
                all.put(id, value);
            }
            return of(ids, all);
        }
        int at = Arrays.binarySearch(offsets, offset);
        if (at >= 0) {
            if (values[at] == value) {
                return this;
            }
            if (value == null) {
                return without(at);
            }
            JsonNode[] next = values.clone();
            next[at] = value;
            return new IdResults(offsets, next, others);
        }
        if (value == null) {
            return this;
        }
        int insert = -(at + 1); // the end, for the id completed last
        int[] nextOffsets = new int[offsets.length + 1];
        JsonNode[] nextValues = new JsonNode[offsets.length + 1];
        System.arraycopy(offsets, 0, nextOffsets, 0, insert);
        System.arraycopy(values, 0, nextValues, 0, insert);
        nextOffsets[insert] = offset;
        nextValues[insert] = value;
        System.arraycopy(offsets, insert, nextOffsets, insert + 1, offsets.length - insert);
        System.arraycopy(values, insert, nextValues, insert + 1, offsets.length - insert);
        return new IdResults(nextOffsets, nextValues, others);
    }

    private IdResults without(int at) {
        if (offsets.length == 1 && others.isEmpty()) {
            return NONE;
        }
        int[] nextOffsets = new int[offsets.length - 1];
        JsonNode[] nextValues = new JsonNode[offsets.length - 1];
        System.arraycopy(offsets, 0, nextOffsets, 0, at);
        System.arraycopy(values, 0, nextValues, 0, at);
        System.arraycopy(offsets, at + 1, nextOffsets, at, offsets.length - at - 1);
        System.arraycopy(values, at + 1, nextValues, at, offsets.length - at - 1);
        return new IdResults(nextOffsets, nextValues, others);
    }

    /** Every result by id; {@code ids} as for {@link #get}. */
    Map<String, JsonNode> toMap(PackedIds ids) {
        Map<String, JsonNode> all = new HashMap<>(others);
        for (int i = 0; i < offsets.length; i++) {
            all.put(ids.idAt(offsets[i]), values[i]);
        }
        return all;
    }
}
