package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jobstate.core.model.JsonTrees;
import java.util.Arrays;
import java.util.Objects;

/**
 * The entries of one array or object of a state file, in the order they are written: ids, and for
 * an object each id's value. What a write formats, and what the next write compares with the
 * entries of the last one to tell which are the same as before, so that it only formats those added
 * at the end ({@link SplicedEncoder}).
 */
final class SectionEntries {

    static final SectionEntries NONE = new SectionEntries(new String[0], new Object[0], 0);

    private String[] keys;
    private Object[] values;
    private int size;

    private SectionEntries(String[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    static SectionEntries withRoom(int expected) {
        int room = Math.max(4, expected);
        return new SectionEntries(new String[room], new Object[room], 0);
    }

    void add(String key, Object value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** Entries {@code from} on, the ones added since a section of {@code from} entries was written. */
    SectionEntries from(int from) {
        SectionEntries rest = withRoom(size - from);
        for (int i = from; i < size; i++) {
            rest.add(keys[i], values[i]);
        }
        return rest;
    }

    int size() {
        return size;
    }

    String key(int i) {
        return keys[i];
    }

    Object value(int i) {
        return values[i];
    }

    /**
     * Whether these entries start with all of {@code before}'s, each written to the same bytes: then
     * the bytes written for {@code before} are still right for them, and only the rest need writing.
     */
    boolean startsWith(SectionEntries before) {
        if (before.size > size) {
            return false;
        }
        for (int i = 0; i < before.size; i++) {
            if (!keys[i].equals(before.keys[i]) || !writesTheSame(before.values[i], values[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records (failures, runs), strings, numbers and instants are immutable, so equal values write the
     * same bytes. A JSON result counts only if it is a plain scalar, itself or of a kind whose equal
     * values have one spelling (not a double, float or decimal: 0.0 and -0.0, 1.5 and 1.50). An object
     * or array node could have been changed in place since its bytes were written, so it is always
     * written afresh.
     */
    private static boolean writesTheSame(Object before, Object now) {
        if (now instanceof JsonNode node) {
            if (!isPlainScalar(node)) {
                return false;
            }
            return node == before || (oneSpelling(node) && node.equals(before));
        }
        return Objects.equals(before, now);
    }

    /** A result no one can change in place: not an object or array, not binary or a POJO. */
    static boolean isPlainScalar(Object value) {
        return value instanceof JsonNode node && !node.isContainerNode() && JsonTrees.isPlain(node);
    }

    /** Whether every value here is {@link #isPlainScalar}. */
    boolean allPlainScalars() {
        for (int i = 0; i < size; i++) {
            if (!isPlainScalar(values[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneSpelling(JsonNode node) {
        return node instanceof TextNode || node instanceof IntNode || node instanceof LongNode
                || node instanceof ShortNode || node instanceof BooleanNode || node instanceof NullNode
                || node instanceof BigIntegerNode;
    }
}
