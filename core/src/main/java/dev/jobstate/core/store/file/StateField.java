package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.AppendOnlyMap;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The top-level fields of a state file, in the order a file lists them: three of the day's key, the
 * ids, then per id what we record ({@link StateCodec} says which are whose). An array or object
 * field is a section of entries, one per id, which {@link SplicedEncoder} can extend in place.
 */
enum StateField {

    DATE("date", Shape.TEXT),
    ACCOUNT("account", Shape.TEXT),
    TYPE("type", Shape.TEXT),
    COMPLETED("completed", Shape.ARRAY),
    REMAINING("remaining", Shape.ARRAY),
    LAST_UPDATE("lastUpdate", Shape.TEXT),
    RESULTS("results", Shape.OBJECT),
    FAILURES("failures", Shape.OBJECT),
    DURATIONS("durations", Shape.OBJECT),
    RUNS("runs", Shape.OBJECT),
    START_MILLIS(StateCodec.START_MILLIS, Shape.OBJECT),
    REVOKED("revoked", Shape.OBJECT),
    RESET_AT("resetAt", Shape.TEXT),
    STARTED("started", Shape.OBJECT);

    static final StateField[] ALL = values();

    enum Shape { TEXT, ARRAY, OBJECT }

    final String field;
    final Shape shape;

    StateField(String field, Shape shape) {
        this.field = field;
        this.shape = shape;
    }

    boolean isSection() {
        return shape != Shape.TEXT;
    }

    /** A text field's value, or null (written as {@code null} for lastUpdate, left out for resetAt). */
    String text(DayState state) {
        return switch (this) {
            case DATE -> state.key().date().toString();
            case ACCOUNT -> state.key().account();
            case TYPE -> state.key().type();
            case LAST_UPDATE -> state.lastUpdate() == null ? null : Timestamps.format(state.lastUpdate());
            case RESET_AT -> state.notes().resetAt() == null ? null : Timestamps.format(state.notes().resetAt());
            default -> throw new IllegalStateException(field + " is a section");
        };
    }

    /** Whether a file of {@code state} has this field; {@code entries} are its entries if it is a section. */
    boolean isWritten(DayState state, SectionEntries entries) {
        return switch (shape) {
            case ARRAY -> true;
            case OBJECT -> entries.size() > 0; // an empty object is left out
            case TEXT -> this != RESET_AT || state.notes().resetAt() != null;
        };
    }

    /** This section's entries in {@code state}, in the order they are written. */
    SectionEntries entries(DayState state) {
        DayNotes notes = state.notes();
        return switch (this) {
            case COMPLETED -> ids(state.completedIds());
            case REMAINING -> ids(state.remainingIds());
            case RESULTS -> of(state.results());
            case FAILURES -> of(state.failures());
            case DURATIONS -> of(state.durations());
            case RUNS, START_MILLIS -> runs(state)[this == START_MILLIS ? 1 : 0];
            case REVOKED -> of(notes.revoked());
            case STARTED -> of(notes.started());
            default -> throw new IllegalStateException(field + " is not a section");
        };
    }

    /** Writes entry {@code i} of this section, inside its array or object. */
    void write(SectionEntries entries, int i, DayJsonWriter out) throws IOException {
        String id = entries.key(i);
        Object value = entries.value(i);
        switch (this) {
            case COMPLETED, REMAINING -> out.writeString(id);
            case RESULTS -> {
                out.writeFieldName(id);
                out.writeResult((JsonNode) value);
            }
            case FAILURES -> {
                LastFailure f = (LastFailure) value;
                out.writeObjectFieldStart(id);
                StateCodec.text(out, "exception", f.exception());
                StateCodec.text(out, "message", f.message());
                out.writeStringField("lastFailure", Timestamps.format(f.at()));
                out.writeNumberField("attempts", f.attempts());
                if (f.maxAttempts() > 0) {
                    out.writeNumberField("maxAttempts", f.maxAttempts());
                }
                out.writeEndObject();
            }
            case DURATIONS -> {
                if (value == null) {
                    out.writeNullField(id);
                } else {
                    out.writeNumberField(id, ((Long) value).longValue());
                }
            }
            case RUNS -> {
                DayNotes.RunInfo run = (DayNotes.RunInfo) value;
                out.writeObjectFieldStart(id);
                out.writeStringField("lastStart", Timestamps.format(run.lastStart()));
                out.writeNumberField("attempts", run.attempts());
                out.writeEndObject();
            }
            case START_MILLIS -> out.writeNumberField(id, ((Long) value).longValue());
            case REVOKED, STARTED -> out.writeStringField(id, Timestamps.format((Instant) value));
            default -> throw new IllegalStateException(field + " is not a section");
        }
    }

    private static SectionEntries ids(Iterable<String> ids) {
        SectionEntries entries = SectionEntries.withRoom(16);
        for (String id : ids) {
            entries.add(id, null);
        }
        return entries;
    }

    private static SectionEntries of(Map<String, ?> map) {
        if (map.isEmpty()) {
            return SectionEntries.NONE;
        }
        SectionEntries entries = SectionEntries.withRoom(map.size());
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            entries.add(entry.getKey(), entry.getValue());
        }
        return entries;
    }

    /**
     * {@code runs} and {@code startMillis}, in one pass: a completed id whose run was its one attempt is
     * said in {@code startMillis} as a number (its attempts, 1, follow from its being completed), every
     * other run in {@code runs} as an object (state-files.md).
     */
    static SectionEntries[] runs(DayState state) {
        Map<String, DayNotes.RunInfo> runs = state.notes().runs();
        if (runs.isEmpty()) {
            return new SectionEntries[] {SectionEntries.NONE, SectionEntries.NONE};
        }
        SectionEntries others = SectionEntries.withRoom(4);
        SectionEntries firstTries = SectionEntries.withRoom(runs.size());
        for (Map.Entry<String, DayNotes.RunInfo> run : runs.entrySet()) {
            DayNotes.RunInfo info = run.getValue();
            if (isFirstTry(state, run.getKey(), info)) {
                firstTries.add(run.getKey(), info.lastStart().toEpochMilli());
            } else {
                others.add(run.getKey(), info);
            }
        }
        return new SectionEntries[] {others, firstTries};
    }

    /** {@link #runs(DayState)} of the runs {@code from} on only: those added since a write of {@code from} runs. */
    static SectionEntries[] runs(DayState state, AppendOnlyMap<?> runs, int from) {
        SectionEntries others = SectionEntries.withRoom(4);
        SectionEntries firstTries = SectionEntries.withRoom(runs.size() - from);
        for (int i = from; i < runs.size(); i++) {
            DayNotes.RunInfo info = (DayNotes.RunInfo) runs.valueAt(i);
            if (isFirstTry(state, runs.keyAt(i), info)) {
                firstTries.add(runs.keyAt(i), info.lastStart().toEpochMilli());
            } else {
                others.add(runs.keyAt(i), info);
            }
        }
        return new SectionEntries[] {others, firstTries};
    }

    /** A run {@code startMillis} says whole: the one attempt of a completed id, at a time it can hold. */
    private static boolean isFirstTry(DayState state, String id, DayNotes.RunInfo run) {
        return run.attempts() == 1 && Timestamps.inRange(run.lastStart()) && state.isCompleted(id);
    }
}
