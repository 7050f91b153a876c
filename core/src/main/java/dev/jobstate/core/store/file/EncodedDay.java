package dev.jobstate.core.store.file;

import dev.jobstate.core.model.DayKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A day as written: the file's bytes, where each top-level field's value lies in them, and each
 * section's entries. What the next write of the same day needs to reuse the bytes of what did not
 * change ({@link SplicedEncoder}); a thread keeps only the last one it wrote.
 */
final class EncodedDay {

    private final DayKey key;
    private final byte[] bytes;
    private final int[] starts; // per StateField: where its value begins, -1 if the file has no such field
    private final int[] ends;
    private final SectionEntries[] entries; // per StateField that is a section, else null

    EncodedDay(DayKey key, byte[] bytes, int[] starts, int[] ends, SectionEntries[] entries) {
        this.key = key;
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
        this.entries = entries;
    }

    /** The bytes between a field's name and what follows it: {@code ,\n  "name": } (or {@code \n  } first). */
    static byte[] prefix(StateField field, boolean first) {
        return ((first ? "\n  \"" : ",\n  \"") + field.field + "\": ").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where each written field's value begins and ends, from where each field's bytes (its
     * separator, name and value) begin and end; null if some field does not begin as {@link #prefix}
     * says, which would make the ranges wrong (then nothing is reused, only the full write is made).
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

    DayKey key() {
        return key;
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

    SectionEntries entries(StateField field) {
        return entries[field.ordinal()];
    }
}
