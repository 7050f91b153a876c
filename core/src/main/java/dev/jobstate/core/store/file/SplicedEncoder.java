package dev.jobstate.core.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.DayState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The next file of a day from the last one written: a checkpoint mostly appends one id to each
 * section of a day of hundreds, so each section's bytes are reused and only the entries added at
 * its end are formatted, in a small document of their own at the same depth, whose bytes are then
 * spliced in before the section's closing bracket.
 *
 * <p>It only ever reuses bytes it can prove right: the same day, the same fields present, each
 * section still starting with every entry it had, each written to the same bytes
 * ({@link SectionEntries#startsWith}). Anything else (an entry changed, removed or moved, a field
 * appearing or going, a result held as an object) gives null, and the caller formats the whole day.
 */
final class SplicedEncoder {

    private static final int INDENT = 2; // the pretty printer's spaces per level
    private static final byte[] END = "\n}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private SplicedEncoder() {
    }

    static EncodedDay encode(DayState state, SectionEntries[] entries, EncodedDay before, StateCodec codec) {
        if (before.key() == null || !before.key().equals(state.key())) {
            return null;
        }
        StateField[] fields = StateField.ALL;
        byte[][] texts = new byte[fields.length][];
        List<StateField> grown = new ArrayList<>(4);
        for (StateField field : fields) {
            SectionEntries now = entries[field.ordinal()];
            boolean written = field.isWritten(state, now);
            if (written != before.has(field)) {
                return null;
            }
            if (!written) {
                continue;
            }
            if (!field.isSection()) {
                if (field == StateField.LAST_UPDATE || field == StateField.RESET_AT) {
                    texts[field.ordinal()] = quoted(field.text(state));
                    if (texts[field.ordinal()] == null) {
                        return null;
                    }
                }
                continue; // date, account and type: the same key, the same bytes
            }
            SectionEntries was = before.entries(field);
            if (!now.startsWith(was)) {
                return null;
            }
            if (now.size() > was.size()) {
                if (was.size() == 0) {
                    return null; // "[]": nothing to splice into
                }
                grown.add(field);
            }
        }
        byte[][] tails = tails(state, entries, before, grown, codec);
        if (tails == null) {
            return null;
        }
        return assemble(state, entries, before, texts, tails);
    }

    /**
     * The entries added to each grown section, formatted in one document where each such section
     * holds only them: from just after its opening bracket to its closing one, at the depth of a file.
     */
    private static byte[][] tails(DayState state, SectionEntries[] entries, EncodedDay before,
                                  List<StateField> grown, StateCodec codec) {
        byte[][] tails = new byte[StateField.ALL.length][];
        if (grown.isEmpty()) {
            return tails;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        List<JsonNode> newResults = new ArrayList<>();
        SectionEntries results = entries[StateField.RESULTS.ordinal()];
        for (int i = before.entries(StateField.RESULTS).size(); i < results.size(); i++) {
            newResults.add((JsonNode) results.value(i));
        }
        int[] from = new int[StateField.ALL.length];
        int[] to = new int[StateField.ALL.length];
        try (JsonGenerator out = codec.generator(bytes, newResults)) {
            out.writeStartObject();
            for (StateField field : grown) {
                if (field.shape == StateField.Shape.ARRAY) {
                    out.writeArrayFieldStart(field.field);
                } else {
                    out.writeObjectFieldStart(field.field);
                }
                out.flush();
                from[field.ordinal()] = bytes.size();
                StateCodec.writeEntries(field, entries[field.ordinal()], before.entries(field).size(), out);
                if (field.shape == StateField.Shape.ARRAY) {
                    out.writeEndArray();
                } else {
                    out.writeEndObject();
                }
                out.flush();
                to[field.ordinal()] = bytes.size();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a day always serializes", e);
        }
        byte[] all = bytes.toByteArray();
        for (StateField field : grown) {
            byte[] tail = Arrays.copyOfRange(all, from[field.ordinal()], to[field.ordinal()]);
            if (!startsOnItsOwnLine(tail, 2 * INDENT) || !endsOnItsOwnLine(before, field)) {
                return null; // not laid out as the splice assumes; the whole write will do
            }
            tails[field.ordinal()] = tail;
        }
        return tails;
    }

    private static EncodedDay assemble(DayState state, SectionEntries[] entries, EncodedDay before,
                                       byte[][] texts, byte[][] tails) {
        byte[] was = before.bytes();
        int room = was.length + 64;
        for (byte[] tail : tails) {
            room += tail == null ? 0 : tail.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(room);
        int[] starts = new int[StateField.ALL.length];
        int[] ends = new int[StateField.ALL.length];
        Arrays.fill(starts, -1);
        Arrays.fill(ends, -1);
        out.write('{');
        boolean first = true;
        for (StateField field : StateField.ALL) {
            if (!before.has(field)) {
                continue;
            }
            out.writeBytes(EncodedDay.prefix(field, first));
            first = false;
            starts[field.ordinal()] = out.size();
            byte[] text = texts[field.ordinal()];
            byte[] tail = tails[field.ordinal()];
            int start = before.start(field);
            int end = before.end(field);
            if (text != null) {
                out.writeBytes(text);
            } else if (tail == null) {
                out.write(was, start, end - start);
            } else {
                int closing = 2 + INDENT; // "\n  ]" or "\n  }"
                out.write(was, start, end - start - closing);
                out.write(',');
                out.writeBytes(tail);
            }
            ends[field.ordinal()] = out.size();
        }
        out.writeBytes(END);
        return new EncodedDay(state.key(), out.toByteArray(), starts, ends, entries);
    }

    /** A value begins on a line of its own, indented {@code spaces}: as every entry of a section does. */
    private static boolean startsOnItsOwnLine(byte[] tail, int spaces) {
        if (tail.length < spaces + 2 || tail[0] != '\n') {
            return false;
        }
        for (int i = 1; i <= spaces; i++) {
            if (tail[i] != ' ') {
                return false;
            }
        }
        return tail[spaces + 1] != ' ';
    }

    /** The section's bytes in the last file end with its closing bracket on a line of its own. */
    private static boolean endsOnItsOwnLine(EncodedDay before, StateField field) {
        byte[] was = before.bytes();
        int end = before.end(field);
        int closing = 2 + INDENT;
        if (end - before.start(field) < closing + 2 || was[end - closing] != '\n') {
            return false;
        }
        for (int i = end - closing + 1; i < end - 1; i++) {
            if (was[i] != ' ') {
                return false;
            }
        }
        return was[end - 1] == (field.shape == StateField.Shape.ARRAY ? ']' : '}');
    }

    /**
     * A timestamp as JSON: it is ASCII letters, digits and {@code -+:.}, which need no escaping; null
     * (the caller then formats the whole day) for any other character, which the generator should write.
     */
    private static byte[] quoted(String text) {
        if (text == null) {
            return NULL;
        }
        byte[] out = new byte[text.length() + 2];
        out[0] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == '+' || c == ':' || c == '.';
            if (!plain) {
                return null;
            }
            out[i + 1] = (byte) c;
        }
        out[out.length - 1] = '"';
        return out;
    }
}
