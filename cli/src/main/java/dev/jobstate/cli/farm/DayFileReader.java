package dev.jobstate.cli.farm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.DayScanner;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.StateFiles;
import dev.jobstate.core.store.file.Timestamps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a day file for the commands that only count (status, report) in one pass of a streaming
 * parser, skipping the results: they are most of a file's bytes and nothing those commands show, and
 * building them as a tree was most of a scan's time. The day it returns has no results.
 *
 * <p>It takes only the shape the agent writes. Anything else (a corrupt file, a field of another
 * type, a duplicated field, a number out of range, a timestamp in another form) is handed to the
 * agent's strict codec, so every file reads exactly as the agent reads it and a bad one is reported
 * in the codec's words. The parser's limits are the codec's: no file it refuses passes here.
 * A plain file (ASCII, no escapes) is read by {@link DayScanner} first, without the parser.
 */
final class DayFileReader implements DayReader {

    /**
     * As {@code StateCodec}'s factory: a deeper file is corrupt to the agent, so it must not read here.
     * Made at the first file {@link DayScanner} leaves to it, not with the reader: a repeat status
     * over an unchanged farm reads none, a first one over the agent's own files hardly any, and the
     * factory with its classes was a tenth of such a run's start.
     */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                .build();
    }

    /** Day files are a few KiB: one buffer per thread serves all but the odd large one. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[32 * 1024]);

    /** The fields whose second occurrence sends a file to the strict codec; at most 31 of them. */
    private static final List<String> TOP_FIELDS = List.of("date", "account", "type", "completed", "remaining",
            "lastUpdate", "results", "failures", "durations", "runs", "startMillis", "revoked", "started", "resetAt");
    private static final List<String> FAILURE_FIELDS =
            List.of("exception", "message", "lastFailure", "attempts", "maxAttempts");

    private final StateFiles strict;

    DayFileReader(StateFiles strict) {
        this.strict = strict;
    }

    @Override
    public StateFiles.Read read(DayFileRef ref) throws IOException {
        return read(ref.file(), ref.key());
    }

    /** The day in {@code file} without its results, or why it cannot be read, as {@link StateFiles#read} says. */
    StateFiles.Read read(Path file, DayKey key) throws IOException {
        DayState day = null;
        try {
            day = readCanonical(file, key);
        } catch (IOException e) {
            // The strict read says it as it always has (or finds the file fine the second time).
        }
        return day != null ? new StateFiles.Parsed(day) : strict.read(file, key);
    }

    /** The day, or null when anything is off the agent's own shape. */
    static DayState readCanonical(Path file, DayKey key) throws IOException {
        byte[] bytes = BUFFERS.get();
        int length;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size >= FileStateStore.MAX_FILE_BYTES) {
                return null;
            }
            if (size >= bytes.length) {
                bytes = new byte[(int) size + 1];
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until the end, or one byte past the size: a file that grew is left to the strict read
            }
            length = buffer.position();
            if (length > size) {
                return null;
            }
        }
        return parse(key, bytes, length);
    }

    /**
     * The day in {@code bytes}, or null when anything is off the agent's own shape: read by
     * {@link DayScanner} when it is plain, else by Jackson's streaming parser (loaded only then).
     */
    static DayState parse(DayKey key, byte[] bytes, int length) throws IOException {
        DayState plain = DayScanner.scan(key, bytes, length);
        return plain != null ? plain : parseJson(key, bytes, length);
    }

    /** The day in {@code bytes} read by Jackson's streaming parser, or null when anything is off the agent's own shape. */
    static DayState parseJson(DayKey key, byte[] bytes, int length) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(bytes, 0, length)) {
            return parse(key, p);
        } catch (JsonProcessingException e) {
            return null; // malformed, or past a limit of the parser's: the codec says which
        }
    }

    private static DayState parse(DayKey key, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        List<String> completed = null;
        List<String> remaining = List.of();
        Instant lastUpdate = null;
        Map<String, LastFailure> failures = Map.of();
        Map<String, Long> durations = Map.of();
        Map<String, DayNotes.RunInfo> runs = Map.of();
        Map<String, DayNotes.RunInfo> firstTries = Map.of();
        Map<String, Instant> revoked = Map.of();
        Map<String, Instant> started = Map.of();
        Instant resetAt = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            int field = TOP_FIELDS.indexOf(name) + 1;
            if (field > 0 && (seen & 1 << field) != 0) {
                return null; // the codec's tree keeps the last of two: not worth following here
            }
            seen |= 1 << field;
            switch (name) {
                case "date", "account", "type" -> {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "completed" -> completed = value == JsonToken.VALUE_NULL ? null : strings(p, value);
                case "remaining" -> remaining = value == JsonToken.VALUE_NULL ? List.of() : strings(p, value);
                case "lastUpdate" -> {
                    if (value != JsonToken.VALUE_NULL && (lastUpdate = time(p, value)) == null) {
                        return null;
                    }
                }
                case "results" -> {
                    if (value == JsonToken.START_OBJECT) {
                        p.skipChildren();
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "failures" -> failures = value == JsonToken.VALUE_NULL ? Map.of() : failures(p, value);
                case "durations" -> durations = value == JsonToken.VALUE_NULL ? Map.of() : durations(p, value);
                case "runs" -> runs = value == JsonToken.VALUE_NULL ? Map.of() : runs(p, value);
                case "startMillis" -> firstTries = value == JsonToken.VALUE_NULL ? Map.of() : firstTries(p, value);
                case "revoked" -> revoked = value == JsonToken.VALUE_NULL ? Map.of() : times(p, value);
                case "started" -> started = value == JsonToken.VALUE_NULL ? Map.of() : times(p, value);
                case "resetAt" -> {
                    if (value != JsonToken.VALUE_NULL && (resetAt = time(p, value)) == null) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
            if (completed == null && name.equals("completed") || remaining == null || failures == null
                    || durations == null || runs == null || firstTries == null || revoked == null
                    || started == null) {
                return null;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || completed == null) {
            return null;
        }
        DayNotes notes = DayNotes.read(runs, firstTries, revoked, resetAt, started);
        return DayState.of(key, completed, remaining, lastUpdate, Map.of(), failures, durations, notes);
    }

    /** An array of strings, or null. */
    private static List<String> strings(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) == JsonToken.VALUE_STRING) {
            ids.add(p.getText());
        }
        return item == JsonToken.END_ARRAY ? ids : null;
    }

    /** {@code {id: {exception, message, lastFailure, attempts, maxAttempts}}}, or null. */
    private static Map<String, LastFailure> failures(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        String id;
        while ((id = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String exception = "";
            String message = null;
            Instant at = Instant.EPOCH;
            int attempts = 0;
            int maxAttempts = 0;
            int seen = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken token = p.nextToken();
                int bit = 1 << (FAILURE_FIELDS.indexOf(field) + 1);
                if (bit > 1 && (seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                switch (field) {
                    case "exception" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        exception = p.getText();
                    }
                    case "message" -> {
                        if (token == JsonToken.VALUE_STRING) {
                            message = p.getText();
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "lastFailure" -> {
                        if ((at = time(p, token)) == null) {
                            return null;
                        }
                    }
                    case "attempts" -> {
                        if ((attempts = count(p, token)) < 0) {
                            return null;
                        }
                    }
                    case "maxAttempts" -> {
                        if ((maxAttempts = count(p, token)) < 0) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (failures.put(id, new LastFailure(exception, message, at, attempts, maxAttempts)) != null) {
                return null;
            }
        }
        return failures;
    }

    /** {@code {id: millis}}, or null. */
    private static Map<String, Long> durations(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Long> durations = new LinkedHashMap<>();
        String id;
        while ((id = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG
                    || durations.put(id, p.getLongValue()) != null) {
                return null;
            }
        }
        return durations;
    }

    /** {@code {id: {lastStart, attempts}}}, or null. */
    private static Map<String, DayNotes.RunInfo> runs(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        String id;
        while ((id = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Instant lastStart = null;
            int attempts = -1; // none yet
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken token = p.nextToken();
                if (field.equals("lastStart")) {
                    if (lastStart != null || (lastStart = time(p, token)) == null) {
                        return null;
                    }
                } else if (field.equals("attempts")) {
                    if (attempts >= 0 || (attempts = count(p, token)) < 0) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (lastStart == null || runs.put(id, new DayNotes.RunInfo(lastStart, Math.max(0, attempts))) != null) {
                return null;
            }
        }
        return runs;
    }

    /**
     * {@code {id: epoch millis}}, a completed id's one attempt, or null: anything else, which the codec
     * drops entry by entry, is left to the codec.
     */
    private static Map<String, DayNotes.RunInfo> firstTries(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, DayNotes.RunInfo> tries = new LinkedHashMap<>();
        String id;
        while ((id = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    && p.getNumberType() != JsonParser.NumberType.LONG) {
                return null;
            }
            long millis = p.getLongValue();
            if (!Timestamps.inRange(millis)
                    || tries.put(id, new DayNotes.RunInfo(Instant.ofEpochMilli(millis), 1)) != null) {
                return null;
            }
        }
        return tries;
    }

    /** {@code {id: time}}, or null. */
    private static Map<String, Instant> times(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Instant> times = new LinkedHashMap<>();
        String id;
        while ((id = p.nextFieldName()) != null) {
            Instant at = time(p, p.nextToken());
            if (at == null || times.put(id, at) != null) {
                return null;
            }
        }
        return times;
    }

    /** A count as the codec reads one (at least 0), or -1 when it is not a plain int. */
    private static int count(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            return -1;
        }
        return Math.max(0, p.getIntValue());
    }

    /**
     * A timestamp in the one form the agent writes, {@code 2025-09-20T10:30:00.000Z}, read from the
     * parser's characters; null for any other form, which the strict codec then reads its own way.
     */
    static Instant time(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING || p.getTextLength() != 24) {
            return null;
        }
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        if (c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != 'T' || c[o + 13] != ':' || c[o + 16] != ':'
                || c[o + 19] != '.' || c[o + 23] != 'Z') {
            return null;
        }
        int year = number(c, o, 4);
        int month = number(c, o + 5, 2);
        int day = number(c, o + 8, 2);
        int hour = number(c, o + 11, 2);
        int minute = number(c, o + 14, 2);
        int second = number(c, o + 17, 2);
        int milli = number(c, o + 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || milli < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochMilli(epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L
                + second * 1000L + milli);
    }

    /** The decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int number(char[] text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
