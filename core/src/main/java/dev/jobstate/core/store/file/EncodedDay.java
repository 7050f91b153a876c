package dev.jobstate.core.store.file;

import dev.jobstate.core.model.DayState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A day as written: the state, the file's bytes (exactly what the whole write of that state gives),
 * where each top-level field's value lies in them, and how many entries each section has. What the
 * next write of the same day needs to reuse the bytes of what did not change ({@link SplicedEncoder});
 * a thread keeps only the last one it wrote.
 */
final class EncodedDay {

    private final DayState state; // null: reuse nothing of these bytes
    private final byte[] bytes;
    private final int[] starts; // per StateField: where its value begins, -1 if the file has no such field
    private final int[] ends;
    private final int[] counts; // per StateField that is a section: its entries
    private final boolean plainResults; // every result written is a plain scalar, which nothing can change

    EncodedDay(DayState state, byte[] bytes, int[] starts, int[] ends, int[] counts, boolean plainResults) {
        this.state = state;
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
        this.counts = counts;
        this.plainResults = plainResults;
    }

    // Made once: every write puts one before each of its fields.
    private static final byte[][] FIRST_PREFIXES = prefixes("\n  \"");
    private static final byte[][] LATER_PREFIXES = prefixes(",\n  \"");

    /**
     * The bytes between a field's name and what follows it: {@code ,\n  "name": } (or {@code \n  } first).
     * Shared: never to be changed.
     */
    static byte[] prefix(StateField field, boolean first) {
        return (first ? FIRST_PREFIXES : LATER_PREFIXES)[field.ordinal()];
    }

    private static byte[][] prefixes(String before) {
        byte[][] made = new byte[StateField.ALL.length][];
        for (StateField field : StateField.ALL) {
            made[field.ordinal()] = (before + field.field + "\": ").getBytes(StandardCharsets.US_ASCII);
        }
        return made;
    }

    /**
     * Where each written field's value begins, from where each field's bytes (its separator, name
     * and value) begin; null if some field does not begin as {@link #prefix} says, which would make
     * the ranges wrong (then nothing is reused, only the whole write is made).
     */
    static int[] valueStarts(byte[] bytes, int[] fieldStarts) {
        int[] starts = fieldStarts.clone();
        boolean first = true;
        for (StateField field : StateField.ALL) {
            int at = fieldStarts[field.ordinal()];
            if (at < 0) {
                continue;
            }
            byte[] prefix = prefix(field, first);
            first = false;
            if (at + prefix.length > bytes.length
                    || !Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length)) {
                return null;
            }
            starts[field.ordinal()] = at + prefix.length;
        }
        return starts;
    }

    /** The state these bytes are of, or null if they are not to be reused. */
    DayState state() {
        return state;
    }

    /** The whole file; not to be changed (kept for the next write). */
    byte[] bytes() {
        return bytes;
    }

    boolean has(StateField field) {
        return starts[field.ordinal()] >= 0;
    }

    int start(StateField field) {
        return starts[field.ordinal()];
    }

    int end(StateField field) {
        return ends[field.ordinal()];
    }

    int count(StateField field) {
        return counts[field.ordinal()];
    }

    boolean plainResults() {
        return plainResults;
    }
}
