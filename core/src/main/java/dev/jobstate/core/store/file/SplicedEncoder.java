package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.AppendOnlyMap;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The next file of a day from the last one written: a checkpoint mostly appends one id to each
 * section of a day of hundreds, so each section's bytes are reused and only the entries added at
 * its end are formatted, in a small document of their own at the same depth, whose bytes are then
 * spliced in before the section's closing bracket.
 *
 * <p>It only ever reuses bytes it can prove right: the same day, the same fields present, each
 * section still starting with every entry it had, each written to the same bytes. For the maps a
 * day grows by appending ({@link AppendOnlyMap}) that takes a look at the added entries only;
 * for the others, a comparison of every entry ({@link SectionEntries#startsWith}). Anything else
 * (an entry changed, removed or moved, a field appearing or going, a result held as an object)
 * gives null, and the caller formats the whole day.
 */
final class SplicedEncoder {

    private static final int INDENT = 2; // the pretty printer's spaces per level
    private static final byte[] END = "\n}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final DayState state;
    private final EncodedDay before;
    private final DayState was;
    private final SectionEntries[] added = new SectionEntries[StateField.ALL.length];
    private final int[] counts = new int[StateField.ALL.length];
    private boolean plainResults;

    private SplicedEncoder(DayState state, EncodedDay before) {
        this.state = state;
        this.before = before;
        this.was = before.state();
    }

    static EncodedDay encode(DayState state, EncodedDay before, StateCodec codec) {
        if (before.state() == null || !before.state().key().equals(state.key())) {
            return null;
        }
        return new SplicedEncoder(state, before).encode(codec);
    }

    private EncodedDay encode(StateCodec codec) {
        if (!findAdded()) {
            return null;
        }
        StateField[] fields = StateField.ALL;
        byte[][] texts = new byte[fields.length][];
        List<StateField> grown = new ArrayList<>(4);
        for (StateField field : fields) {
            boolean written = field.isSection() ? field.shape == StateField.Shape.ARRAY || counts[field.ordinal()] > 0
                    : field.isWritten(state, null);
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
            if (added[field.ordinal()].size() > 0) {
                if (before.count(field) == 0) {
                    return null; // "[]": nothing to splice into
                }
                grown.add(field);
            }
        }
        byte[][] tails = tails(grown, codec);
        return tails == null ? null : assemble(texts, tails);
    }

    /** Each section's entries added since {@link #before}, and its count; false if one did not only grow. */
    private boolean findAdded() {
        AppendOnlyMap<?> done = AppendOnlyMap.behind(state.completedIds());
        AppendOnlyMap<?> wasDone = AppendOnlyMap.behind(was.completedIds());
        boolean doneGrew = done != null && done.grewFrom(wasDone);
        if (doneGrew) {
            tail(StateField.COMPLETED, done, wasDone.size(), false);
        } else if (!compared(StateField.COMPLETED, StateField.COMPLETED.entries(state),
                StateField.COMPLETED.entries(was))) {
            return false;
        }
        AppendOnlyMap<?> results = AppendOnlyMap.behind(state.results());
        AppendOnlyMap<?> wasResults = AppendOnlyMap.behind(was.results());
        if (before.plainResults() && results != null && results.grewFrom(wasResults)) {
            tail(StateField.RESULTS, results, wasResults.size(), true);
            plainResults = added[StateField.RESULTS.ordinal()].allPlainScalars();
        } else if (compared(StateField.RESULTS, StateField.RESULTS.entries(state), StateField.RESULTS.entries(was))) {
            plainResults = added[StateField.RESULTS.ordinal()].allPlainScalars(); // the rest: startsWith says
        } else {
            return false;
        }
        AppendOnlyMap<?> durations = AppendOnlyMap.behind(state.durations());
        AppendOnlyMap<?> wasDurations = AppendOnlyMap.behind(was.durations());
        if (durations != null && durations.grewFrom(wasDurations)) {
            tail(StateField.DURATIONS, durations, wasDurations.size(), true);
        } else if (!compared(StateField.DURATIONS, StateField.DURATIONS.entries(state),
                StateField.DURATIONS.entries(was))) {
            return false;
        }
        if (!(doneGrew && runsGrew(done, wasDone))) {
            SectionEntries[] runs = StateField.runs(state);
            SectionEntries[] wasRuns = StateField.runs(was);
            if (!compared(StateField.RUNS, runs[0], wasRuns[0])
                    || !compared(StateField.START_MILLIS, runs[1], wasRuns[1])) {
                return false;
            }
        }
        for (StateField field : List.of(StateField.REMAINING, StateField.FAILURES, StateField.REVOKED,
                StateField.STARTED)) {
            if (!compared(field, field.entries(state), field.entries(was))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code runs} and {@code startMillis} when the day's runs only grew: the added runs split as a
     * whole write splits them. False if one of the runs written before now belongs in the other
     * section: an id it was the one attempt of has since completed (an operator's mark).
     */
    private boolean runsGrew(AppendOnlyMap<?> done, AppendOnlyMap<?> wasDone) {
        AppendOnlyMap<?> runs = AppendOnlyMap.behind(state.notes().runs());
        AppendOnlyMap<?> wasRuns = AppendOnlyMap.behind(was.notes().runs());
        if (runs == null || !runs.grewFrom(wasRuns)) {
            return false;
        }
        Map<String, DayNotes.RunInfo> runsWritten = was.notes().runs();
        for (int i = wasDone.size(); i < done.size(); i++) {
            DayNotes.RunInfo written = runsWritten.get(done.keyAt(i));
            if (written != null && written.attempts() == 1) {
                return false;
            }
        }
        SectionEntries[] split = StateField.runs(state, runs, wasRuns.size());
        for (int k = 0; k < 2; k++) {
            StateField field = k == 0 ? StateField.RUNS : StateField.START_MILLIS;
            added[field.ordinal()] = split[k];
            counts[field.ordinal()] = before.count(field) + split[k].size();
        }
        return true;
    }

    private void tail(StateField field, AppendOnlyMap<?> map, int from, boolean withValues) {
        SectionEntries tail = SectionEntries.withRoom(map.size() - from);
        for (int i = from; i < map.size(); i++) {
            tail.add(map.keyAt(i), withValues ? map.valueAt(i) : null);
        }
        added[field.ordinal()] = tail;
        counts[field.ordinal()] = map.size();
    }

    /** A section compared entry by entry with the one written; false if it did not only grow. */
    private boolean compared(StateField field, SectionEntries now, SectionEntries written) {
        if (!now.startsWith(written)) {
            return false;
        }
        added[field.ordinal()] = now.from(written.size());
        counts[field.ordinal()] = now.size();
        return true;
    }

    /**
     * The entries added to each grown section, formatted in one document where each such section
     * holds only them: from just after its opening bracket to its closing one, at the depth of a file.
     */
    private byte[][] tails(List<StateField> grown, StateCodec codec) {
        if (grown.isEmpty()) {
            return new byte[StateField.ALL.length][];
        }
        try {
            return tails(grown, codec, true);
        } catch (DirectDayJsonWriter.Unwritable e) {
            return tails(grown, codec, false);
        }
    }

    private byte[][] tails(List<StateField> grown, StateCodec codec, boolean direct) {
        byte[][] tails = new byte[StateField.ALL.length][];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        List<JsonNode> newResults = new ArrayList<>();
        SectionEntries results = added[StateField.RESULTS.ordinal()];
        for (int i = 0; i < results.size(); i++) {
            newResults.add((JsonNode) results.value(i));
        }
        int[] from = new int[StateField.ALL.length];
        int[] to = new int[StateField.ALL.length];
        try (DayJsonWriter out = codec.writer(bytes, newResults, direct)) {
            out.writeStartObject();
            for (StateField field : grown) {
                if (field.shape == StateField.Shape.ARRAY) {
                    out.writeArrayFieldStart(field.field);
                } else {
                    out.writeObjectFieldStart(field.field);
                }
                out.flush();
                from[field.ordinal()] = bytes.size();
                StateCodec.writeEntries(field, added[field.ordinal()], 0, out);
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
            if (!startsOnItsOwnLine(tail, 2 * INDENT) || !endsOnItsOwnLine(field)) {
                return null; // not laid out as the splice assumes; the whole write will do
            }
            tails[field.ordinal()] = tail;
        }
        return tails;
    }

    private EncodedDay assemble(byte[][] texts, byte[][] tails) {
        byte[] written = before.bytes();
        int room = written.length + 64;
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
                out.write(written, start, end - start);
            } else {
                int closing = 2 + INDENT; // "\n  ]" or "\n  }"
                out.write(written, start, end - start - closing);
                out.write(',');
                out.writeBytes(tail);
            }
            ends[field.ordinal()] = out.size();
        }
        out.writeBytes(END);
        return new EncodedDay(state, out.toByteArray(), starts, ends, counts, plainResults);
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
    private boolean endsOnItsOwnLine(StateField field) {
        byte[] written = before.bytes();
        int end = before.end(field);
        int closing = 2 + INDENT;
        if (end - before.start(field) < closing + 2 || written[end - closing] != '\n') {
            return false;
        }
        for (int i = end - closing + 1; i < end - 1; i++) {
            if (written[i] != ' ') {
                return false;
            }
        }
        return written[end - 1] == (field.shape == StateField.Shape.ARRAY ? ']' : '}');
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
