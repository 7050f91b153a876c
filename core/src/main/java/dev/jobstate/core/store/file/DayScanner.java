package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a day file of the agent's own plain shape straight from its bytes: the agent's first read of
 * a day (a restart's) needs none of jackson-core's parser, and a first {@code status} reads 60,000
 * files, where Jackson's parser (with the C2 compilations of its large methods, which took one of the
 * machine's two cores for seconds) was most of that run.
 *
 * <p>It reads less than JSON: ASCII only, strings without escapes of at most {@link #MAX_STRING}
 * characters, integers of at most 18 digits without fraction or exponent, nesting at most
 * {@link #MAX_DEPTH} deep. On anything else it gives up (null), and the file is read as before, by
 * Jackson's parser. What it does return is what {@link StateCodec}'s reader returns for the file
 * (results included, or left out for the commands that only count); it also takes timestamps
 * without milliseconds ({@code 2025-09-20T10:30:00Z}), and reads them as the codec does.
 */
public final class DayScanner {

    /** Far inside the codec's 200: a deeper file is left to the readers that know its limits. */
    private static final int MAX_DEPTH = 64;
    /**
     * Far inside the parser's limits on names (50,000 characters) and strings: a longer one is left
     * to the readers that know them. Ids, types and timestamps are a few dozen.
     */
    private static final int MAX_STRING = 4096;

    /** Off the plain shape: one instance, no stack trace, as giving up is no error. */
    private static final class Off extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Off OFF = new Off();

        private Off() {
            super(null, null, false, false);
        }
    }

    private static final byte[] DATE = ascii("date");
    private static final byte[] ACCOUNT = ascii("account");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] COMPLETED = ascii("completed");
    private static final byte[] REMAINING = ascii("remaining");
    private static final byte[] LAST_UPDATE = ascii("lastUpdate");
    private static final byte[] RESULTS = ascii("results");
    private static final byte[] FAILURES = ascii("failures");
    private static final byte[] DURATIONS = ascii("durations");
    private static final byte[] RUNS = ascii("runs");
    private static final byte[] START_MILLIS = ascii("startMillis");
    private static final byte[] REVOKED = ascii("revoked");
    private static final byte[] STARTED = ascii("started");
    private static final byte[] RESET_AT = ascii("resetAt");
    /** The top-level fields, in the bit order of {@code seen}: a second one of any gives up, as the streaming reader does. */
    private static final byte[][] TOP = {DATE, ACCOUNT, TYPE, COMPLETED, REMAINING, LAST_UPDATE, RESULTS, FAILURES,
        DURATIONS, RUNS, START_MILLIS, REVOKED, STARTED, RESET_AT};

    private static final byte[] EXCEPTION = ascii("exception");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] LAST_FAILURE = ascii("lastFailure");
    private static final byte[] ATTEMPTS = ascii("attempts");
    private static final byte[] MAX_ATTEMPTS = ascii("maxAttempts");
    private static final byte[] LAST_START = ascii("lastStart");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] in;
    private final int end;
    private final boolean withResults;
    private int at;
    /** Where the last string read starts, and its length (after {@link #string}). */
    private int text;
    private int textLength;

    private DayScanner(byte[] in, int length, boolean withResults) {
        this.in = in;
        this.end = length;
        this.withResults = withResults;
    }

    /**
     * The day in {@code bytes[0, length)} without its results (skipped, not read: for counting), or
     * null when anything is off the plain shape.
     */
    public static DayState scan(DayKey key, byte[] bytes, int length) {
        return scan(key, bytes, length, false);
    }

    /** The day in {@code bytes}, results and all, or null when anything is off the plain shape. */
    static DayState scanWithResults(DayKey key, byte[] bytes) {
        return scan(key, bytes, bytes.length, true);
    }

    private static DayState scan(DayKey key, byte[] bytes, int length, boolean withResults) {
        try {
            return new DayScanner(bytes, length, withResults).day(key);
        } catch (Off e) {
            return null;
        }
    }

    private DayState day(DayKey key) {
        expect('{');
        List<String> completed = null;
        List<String> remaining = List.of();
        Map<String, JsonNode> results = Map.of();
        Instant lastUpdate = null;
        Map<String, LastFailure> failures = Map.of();
        Map<String, Long> durations = Map.of();
        Map<String, DayNotes.RunInfo> runs = Map.of();
        Map<String, DayNotes.RunInfo> firstTries = Map.of();
        Map<String, Instant> revoked = Map.of();
        Map<String, Instant> started = Map.of();
        Instant resetAt = null;
        int seen = 0;
        if (!closes('}')) {
            do {
                string();
                int field = top();
                if (field >= 0) {
                    if ((seen & 1 << field) != 0) {
                        throw Off.OFF;
                    }
                    seen |= 1 << field;
                }
                expect(':');
                byte first = peek();
                boolean isNull = first == 'n';
                switch (field) {
                    case 0, 1, 2 -> skipTextOrNull(first); // date, account, type: the key says them
                    case 3 -> {
                        if (isNull) {
                            throw Off.OFF; // the codec says it is missing
                        }
                        completed = strings();
                    }
                    case 4 -> remaining = isNull ? nullValue(List.of()) : strings();
                    case 5 -> lastUpdate = isNull ? nullValue(null) : time();
                    case 6 -> {
                        if (first != '{' && !isNull) {
                            throw Off.OFF;
                        }
                        if (withResults && !isNull) {
                            results = results();
                        } else {
                            skipValue(0);
                        }
                    }
                    case 7 -> failures = isNull ? nullValue(Map.of()) : failures();
                    case 8 -> durations = isNull ? nullValue(Map.of()) : durations();
                    case 9 -> runs = isNull ? nullValue(Map.of()) : runs();
                    case 10 -> firstTries = isNull ? nullValue(Map.of()) : firstTries();
                    case 11 -> revoked = isNull ? nullValue(Map.of()) : times();
                    case 12 -> started = isNull ? nullValue(Map.of()) : times();
                    case 13 -> resetAt = isNull ? nullValue(null) : time();
                    default -> skipValue(0);
                }
            } while (next('}'));
        }
        skipSpace();
        if (at != end || completed == null) {
            throw Off.OFF;
        }
        DayNotes notes = DayNotes.read(runs, firstTries, revoked, resetAt, started);
        return DayState.of(key, completed, remaining, lastUpdate, results, failures, durations, notes);
    }

    /** {@code {id: value}}. */
    private Map<String, JsonNode> results() {
        expect('{');
        Map<String, JsonNode> results = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                if (results.put(id, node(1)) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return results;
    }

    /**
     * A value as the codec's reader makes it a tree: a whole number an int node when an int holds
     * it, else a long node, as Jackson types it; a repeated name gives up, as a fraction does.
     */
    private JsonNode node(int depth) {
        if (depth > MAX_DEPTH) {
            throw Off.OFF;
        }
        switch (peek()) {
            case '{' -> {
                at++;
                ObjectNode object = NODES.objectNode();
                if (!closes('}')) {
                    do {
                        String name = text();
                        expect(':');
                        if (object.replace(name, node(depth + 1)) != null) {
                            throw Off.OFF;
                        }
                    } while (next('}'));
                }
                return object;
            }
            case '[' -> {
                at++;
                ArrayNode array = NODES.arrayNode();
                if (!closes(']')) {
                    do {
                        array.add(node(depth + 1));
                    } while (next(']'));
                }
                return array;
            }
            case '"' -> {
                return NODES.textNode(text());
            }
            case 'n' -> {
                literal("null");
                return NODES.nullNode();
            }
            case 't' -> {
                literal("true");
                return NODES.booleanNode(true);
            }
            case 'f' -> {
                literal("false");
                return NODES.booleanNode(false);
            }
            default -> {
                long number = number(18);
                return number == (int) number ? NODES.numberNode((int) number) : NODES.numberNode(number);
            }
        }
    }

    /** The index in {@link #TOP} of the name just read, or -1. */
    private int top() {
        for (int i = 0; i < TOP.length; i++) {
            if (isText(TOP[i])) {
                return i;
            }
        }
        return -1;
    }

    /** {@code {id: {exception, message, lastFailure, attempts, maxAttempts}}}. */
    private Map<String, LastFailure> failures() {
        expect('{');
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                if (failures.put(id, failure()) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return failures;
    }

    private LastFailure failure() {
        expect('{');
        String exception = "";
        String message = null;
        Instant failed = Instant.EPOCH;
        int attempts = 0;
        int maxAttempts = 0;
        int seen = 0;
        if (!closes('}')) {
            do {
                string();
                int field = isText(EXCEPTION) ? 0 : isText(MESSAGE) ? 1 : isText(LAST_FAILURE) ? 2
                        : isText(ATTEMPTS) ? 3 : isText(MAX_ATTEMPTS) ? 4 : -1;
                if (field >= 0) {
                    if ((seen & 1 << field) != 0) {
                        throw Off.OFF;
                    }
                    seen |= 1 << field;
                }
                expect(':');
                switch (field) {
                    case 0 -> exception = text();
                    case 1 -> message = peek() == 'n' ? nullValue(null) : text();
                    case 2 -> failed = time();
                    case 3 -> attempts = count();
                    case 4 -> maxAttempts = count();
                    default -> skipValue(0);
                }
            } while (next('}'));
        }
        return new LastFailure(exception, message, failed, attempts, maxAttempts);
    }

    /** {@code {id: millis}}. */
    private Map<String, Long> durations() {
        expect('{');
        Map<String, Long> durations = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                if (durations.put(id, number(18)) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return durations;
    }

    /** {@code {id: {lastStart, attempts}}}. */
    private Map<String, DayNotes.RunInfo> runs() {
        expect('{');
        Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                if (runs.put(id, run()) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return runs;
    }

    private DayNotes.RunInfo run() {
        expect('{');
        Instant lastStart = null;
        int attempts = -1; // none yet
        if (!closes('}')) {
            do {
                string();
                boolean start = isText(LAST_START);
                boolean tries = !start && isText(ATTEMPTS);
                expect(':');
                if (start) {
                    if (lastStart != null) {
                        throw Off.OFF;
                    }
                    lastStart = time();
                } else if (tries) {
                    if (attempts >= 0) {
                        throw Off.OFF;
                    }
                    attempts = count();
                } else {
                    skipValue(0);
                }
            } while (next('}'));
        }
        if (lastStart == null) {
            throw Off.OFF;
        }
        return new DayNotes.RunInfo(lastStart, Math.max(0, attempts));
    }

    /** {@code {id: epoch millis}}: a completed id's one attempt. */
    private Map<String, DayNotes.RunInfo> firstTries() {
        expect('{');
        Map<String, DayNotes.RunInfo> tries = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                long millis = number(18);
                if (!Timestamps.inRange(millis)
                        || tries.put(id, new DayNotes.RunInfo(Instant.ofEpochMilli(millis), 1)) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return tries;
    }

    /** {@code {id: time}}. */
    private Map<String, Instant> times() {
        expect('{');
        Map<String, Instant> times = new LinkedHashMap<>();
        if (!closes('}')) {
            do {
                String id = id();
                expect(':');
                if (times.put(id, time()) != null) {
                    throw Off.OFF;
                }
            } while (next('}'));
        }
        return times;
    }

    /** An array of strings. */
    private List<String> strings() {
        expect('[');
        List<String> ids = new ArrayList<>();
        if (!closes(']')) {
            do {
                ids.add(text());
            } while (next(']'));
        }
        return ids;
    }

    /** A count as the codec reads one: an int, at least 0. */
    private int count() {
        return (int) Math.max(0, number(9));
    }

    /**
     * A JSON integer of at most {@code digits} digits (so it fits an int at 9, a long at 18, as
     * Jackson would type it); anything else, a fraction or exponent included, gives up.
     */
    private long number(int digits) {
        skipSpace();
        boolean negative = at < end && in[at] == '-';
        if (negative) {
            at++;
        }
        int from = at;
        long value = 0;
        while (at < end && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + (in[at++] - '0');
        }
        int length = at - from;
        if (length == 0 || length > digits || length > 1 && in[from] == '0') {
            throw Off.OFF;
        }
        endOfNumber();
        return negative ? -value : value;
    }

    /** What may follow a number: its end, not a fraction, an exponent or a letter. */
    private void endOfNumber() {
        if (at < end) {
            byte b = in[at];
            if (b != ',' && b != '}' && b != ']' && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                throw Off.OFF;
            }
        }
    }

    /** A timestamp as the agent writes it ({@code 2025-09-20T10:30:00.000Z}) or without milliseconds. */
    private Instant time() {
        string();
        int o = text;
        int length = textLength;
        if (length != 24 && length != 20 || in[o + 4] != '-' || in[o + 7] != '-' || in[o + 10] != 'T'
                || in[o + 13] != ':' || in[o + 16] != ':') {
            throw Off.OFF;
        }
        int milli = 0;
        if (length == 24) {
            if (in[o + 19] != '.' || in[o + 23] != 'Z') {
                throw Off.OFF;
            }
            milli = digits(o + 20, 3);
        } else if (in[o + 19] != 'Z') {
            throw Off.OFF;
        }
        int year = digits(o, 4);
        int month = digits(o + 5, 2);
        int day = digits(o + 8, 2);
        int hour = digits(o + 11, 2);
        int minute = digits(o + 14, 2);
        int second = digits(o + 17, 2);
        // Years before 1000 are no plain instant to Instant.parse's reading of the short form.
        if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw Off.OFF;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochMilli(epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L
                + second * 1000L + milli);
    }

    private int digits(int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            int digit = in[i] - '0';
            if (digit < 0 || digit > 9) {
                throw Off.OFF;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A string, made. */
    private String text() {
        string();
        return new String(in, text, textLength, StandardCharsets.ISO_8859_1);
    }

    /** A name, made: an activity id. */
    private String id() {
        return text();
    }

    /** Whether the string just read is {@code name}. */
    private boolean isText(byte[] name) {
        if (textLength != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[text + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a string (after any space), noting where its characters are: printable ASCII only, no
     * escape, which is all the agent writes of ids, types and timestamps.
     */
    private void string() {
        expect('"');
        int from = at;
        while (true) {
            if (at >= end) {
                throw Off.OFF;
            }
            byte b = in[at];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                throw Off.OFF;
            }
            at++;
        }
        text = from;
        textLength = at - from;
        if (textLength > MAX_STRING) {
            throw Off.OFF;
        }
        at++;
    }

    private void skipTextOrNull(byte first) {
        if (first == 'n') {
            nullValue(null);
        } else {
            string();
        }
    }

    /** Reads {@code null}, and returns {@code value}. */
    private <T> T nullValue(T value) {
        literal("null");
        return value;
    }

    private void literal(String word) {
        skipSpace();
        if (end - at < word.length()) {
            throw Off.OFF;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                throw Off.OFF;
            }
        }
        at += word.length();
        if (at < end && in[at] >= 'a' && in[at] <= 'z') {
            throw Off.OFF;
        }
    }

    /** Skips any value of the plain shape, checking it as it goes: a field nothing here reads. */
    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw Off.OFF;
        }
        byte first = peek();
        switch (first) {
            case '{' -> {
                at++;
                if (!closes('}')) {
                    do {
                        string();
                        expect(':');
                        skipValue(depth + 1);
                    } while (next('}'));
                }
            }
            case '[' -> {
                at++;
                if (!closes(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (next(']'));
                }
            }
            case '"' -> string();
            case 'n' -> literal("null");
            case 't' -> literal("true");
            case 'f' -> literal("false");
            default -> number(18);
        }
    }

    /** The next byte after any space, not consumed. */
    private byte peek() {
        skipSpace();
        if (at >= end) {
            throw Off.OFF;
        }
        return in[at];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw Off.OFF;
        }
        at++;
    }

    /** Right after an opening bracket: whether {@code close} follows at once (consumed). */
    private boolean closes(char close) {
        if (peek() == close) {
            at++;
            return true;
        }
        return false;
    }

    /** After a member or item: true at a comma (another follows), false at {@code close}; both consumed. */
    private boolean next(char close) {
        byte b = peek();
        at++;
        if (b == ',') {
            return true;
        }
        if (b != close) {
            throw Off.OFF;
        }
        return false;
    }

    /** JSON's four whitespace characters; anything else is left to the caller. */
    private void skipSpace() {
        while (at < end) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
