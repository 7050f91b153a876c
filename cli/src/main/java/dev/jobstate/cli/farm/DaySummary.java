package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day as {@link DayFileReader} reads it for counting (no results), less its durations, in bytes:
 * what {@link StatusCache} keeps of a day file. Decoded, it is the day the reader gave, but for the
 * durations, which status never looks at; ids and lists keep their order.
 */
final class DaySummary {

    private DaySummary() {
    }

    static void write(VarInts.Writer out, DayState day) {
        strings(out, day.completed());
        strings(out, day.remaining());
        instant(out, day.lastUpdate());
        out.fixedInt(day.failures().size());
        for (Map.Entry<String, LastFailure> each : day.failures().entrySet()) {
            LastFailure failure = each.getValue();
            string(out, each.getKey());
            string(out, failure.exception());
            string(out, failure.message());
            instant(out, failure.at());
            out.fixedInt(failure.attempts());
            out.fixedInt(failure.maxAttempts());
        }
        DayNotes notes = day.notes();
        out.fixedInt(notes.runs().size());
        for (Map.Entry<String, DayNotes.RunInfo> each : notes.runs().entrySet()) {
            string(out, each.getKey());
            instant(out, each.getValue().lastStart());
            out.fixedInt(each.getValue().attempts());
        }
        instants(out, notes.revoked());
        instant(out, notes.resetAt());
        instants(out, notes.started());
    }

    /** @throws RuntimeException when the bytes are not what {@link #write} wrote */
    static DayState read(ByteBuffer in, DayKey key) {
        List<String> completed = strings(in);
        List<String> remaining = strings(in);
        Instant lastUpdate = instant(in);
        int count = count(in);
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            failures.put(string(in), new LastFailure(string(in), string(in), instant(in), in.getInt(), in.getInt()));
        }
        count = count(in);
        Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            runs.put(string(in), new DayNotes.RunInfo(instant(in), in.getInt()));
        }
        Map<String, Instant> revoked = instants(in);
        Instant resetAt = instant(in);
        Map<String, Instant> started = instants(in);
        // As the reader makes them: no notes is the one empty instance.
        DayNotes notes = runs.isEmpty() && revoked.isEmpty() && resetAt == null && started.isEmpty()
                ? DayNotes.EMPTY : new DayNotes(runs, revoked, resetAt, started);
        return DayState.of(key, completed, remaining, lastUpdate, Map.of(), failures, Map.of(), notes);
    }

    private static void strings(VarInts.Writer out, Collection<String> texts) {
        out.fixedInt(texts.size());
        for (String text : texts) {
            string(out, text);
        }
    }

    private static List<String> strings(ByteBuffer in) {
        int count = count(in);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(string(in));
        }
        return texts;
    }

    static void writeString(VarInts.Writer out, String text) {
        string(out, text);
    }

    static String readString(ByteBuffer in) {
        return string(in);
    }

    /** Length -1 for null; UTF-8, so any message of any length round-trips. */
    private static void string(VarInts.Writer out, String text) {
        if (text == null) {
            out.fixedInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.fixedInt(utf8.length);
        out.bytes(utf8);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /** Moves past a string {@link #readString} would read, without making it. */
    static void skipString(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        in.position(in.position() + length);
    }

    /** Seconds and nanos, as an {@link Instant} has them; nanos -1 for null. */
    static void instant(VarInts.Writer out, Instant at) {
        out.fixedLong(at == null ? 0 : at.getEpochSecond());
        out.fixedInt(at == null ? -1 : at.getNano());
    }

    static Instant instant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        return nanos == -1 ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    private static void instants(VarInts.Writer out, Map<String, Instant> times) {
        out.fixedInt(times.size());
        for (Map.Entry<String, Instant> each : times.entrySet()) {
            string(out, each.getKey());
            instant(out, each.getValue());
        }
    }

    private static Map<String, Instant> instants(ByteBuffer in) {
        int count = count(in);
        Map<String, Instant> times = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            times.put(string(in), instant(in));
        }
        return times;
    }

    /** A count, which cannot be more than the bytes left: a torn entry fails here, not in an allocation. */
    static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad count");
        }
        return count;
    }
}
