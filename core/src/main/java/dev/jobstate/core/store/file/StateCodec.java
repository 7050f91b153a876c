package dev.jobstate.core.store.file;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.JsonTrees;
import dev.jobstate.core.model.LastFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state file format: the original six fields ({@code date}, {@code account}, {@code type},
 * {@code completed}, {@code remaining}, {@code lastUpdate}) followed by ours ({@code results},
 * {@code failures}, {@code durations}, {@code runs}, {@code startMillis}, {@code revoked}, {@code resetAt},
 * {@code started}).
 *
 * <p>Reading is strict about shape and lenient about values: a field of the wrong JSON type makes the
 * file corrupt, while a {@code lastUpdate} that does not parse is dropped (it is rewritten on the
 * next checkpoint) and unknown fields are ignored. The file name, not its content, says which day it
 * is, so a hand-edited {@code date} cannot move a day.
 */
final class StateCodec {

    /** The message {@code ObjectMapper.readTree} gave for what follows the value, kept word for word. */
    static final String TRAILING = "Trailing token (of type %s) found after value (bound as `"
            + JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";

    /** Per completed id whose run was its one attempt, when that attempt started, in epoch millis. */
    static final String START_MILLIS = "startMillis";

    private Formats formats; // made at the first read or write, not with the store (see formats())
    private volatile ObjectWriter writer; // only for results no streaming write can write (Mapped)

    /** The factory and the layout of every state file. */
    private record Formats(JsonFactory factory, DefaultPrettyPrinter pretty) {

        static Formats make() {
            // Read and written with jackson-core's parser and generator, not an ObjectMapper: the first
            // state file is read or written while the bot starts (JsonTrees says what that saves). The
            // bytes are the ones the ObjectMapper wrote before (StateCodecBytesTest).
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build();
            DefaultIndenter lines = new DefaultIndenter("  ", "\n");
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withArrayEmptySeparator("")
                            .withObjectEmptySeparator(""))
                    .withArrayIndenter(lines)
                    .withObjectIndenter(lines);
            return new Formats(factory, pretty);
        }
    }

    /**
     * Made the first time a file is read, or written with what {@link DirectDayJsonWriter} leaves to
     * the generator, not with the store: a first JsonFactory in a JVM costs tens of milliseconds on
     * the thread the bot's first activity waits for, and a bot's first day is written without one.
     * One per codec, as the mapper that {@link #mapped()} makes becomes its codec.
     */
    private synchronized Formats formats() {
        if (formats == null) {
            formats = Formats.make();
        }
        return formats;
    }

    byte[] encode(DayState state) {
        return encode(state, null).bytes();
    }

    /**
     * The file of {@code state}. With {@code previous}, the last file written of the same day, the
     * bytes of each section whose entries are all still there, unchanged and first, are reused and
     * only the entries added since are formatted: a checkpoint adds one id to a day of hundreds, and
     * formatting them all was half its CPU. The bytes are the same either way (SplicedEncoderTest).
     */
    EncodedDay encode(DayState state, EncodedDay previous) {
        if (previous != null) {
            EncodedDay spliced = SplicedEncoder.encode(state, previous, this);
            if (spliced != null) {
                return spliced;
            }
        }
        return encodeWhole(state, sections(state));
    }

    /** Per {@link StateField}, its entries in {@code state} if it is a section, else null. */
    static SectionEntries[] sections(DayState state) {
        SectionEntries[] entries = new SectionEntries[StateField.ALL.length];
        for (StateField field : StateField.ALL) {
            if (field.isSection() && field != StateField.RUNS && field != StateField.START_MILLIS) {
                entries[field.ordinal()] = field.entries(state);
            }
        }
        SectionEntries[] runs = StateField.runs(state); // the two split one map: one pass for both
        entries[StateField.RUNS.ordinal()] = runs[0];
        entries[StateField.START_MILLIS.ordinal()] = runs[1];
        return entries;
    }

    /** Every field formatted; each field's range and entries kept for the next write. */
    private EncodedDay encodeWhole(DayState state, SectionEntries[] entries) {
        try {
            return encodeWhole(state, entries, true);
        } catch (DirectDayJsonWriter.Unwritable e) {
            return encodeWhole(state, entries, false);
        }
    }

    /** {@code state}'s file written whole, by {@link DirectDayJsonWriter} or else by Jackson's generator. */
    byte[] encodeWhole(DayState state, boolean direct) {
        return encodeWhole(state, sections(state), direct).bytes();
    }

    private EncodedDay encodeWhole(DayState state, SectionEntries[] entries, boolean direct) {
        // Straight from the day to the writer, with no tree in between: the bytes are the ones the
        // tree of each field would write (StateCodecBytesTest).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + state.completedIds().size() * 48);
        int[] fieldStarts = new int[StateField.ALL.length];
        int[] ends = new int[StateField.ALL.length];
        Arrays.fill(fieldStarts, -1);
        Arrays.fill(ends, -1);
        try (DayJsonWriter out = writer(bytes, state.results().values(), direct)) {
            out.writeStartObject();
            for (StateField field : StateField.ALL) {
                SectionEntries section = entries[field.ordinal()];
                if (!field.isWritten(state, section)) {
                    continue;
                }
                out.flush(); // a field's range in the bytes, for the next write to reuse
                fieldStarts[field.ordinal()] = bytes.size();
                writeField(field, state, section, out);
                out.flush();
                ends[field.ordinal()] = bytes.size();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a day always serializes", e);
        }
        bytes.write('\n');
        byte[] file = bytes.toByteArray();
        int[] starts = EncodedDay.valueStarts(file, fieldStarts);
        int[] counts = new int[StateField.ALL.length];
        for (StateField field : StateField.ALL) {
            counts[field.ordinal()] = field.isSection() ? entries[field.ordinal()].size() : 0;
        }
        if (starts == null) { // not laid out as expected: write it, but reuse nothing of it
            return new EncodedDay(null, file, fieldStarts, ends, counts, false);
        }
        return new EncodedDay(state, file, starts, ends, counts,
                entries[StateField.RESULTS.ordinal()].allPlainScalars());
    }

    /**
     * A writer into {@code bytes} as a state file is laid out: {@link DirectDayJsonWriter} when
     * {@code direct} (it throws {@link DirectDayJsonWriter.Unwritable} at what it leaves to the other,
     * and the caller starts again without it), else Jackson's generator; if a result among
     * {@code results} is not plain JSON, its factory gets the mapper as its codec, which writeTree needs.
     */
    DayJsonWriter writer(ByteArrayOutputStream bytes, Collection<JsonNode> results, boolean direct)
            throws IOException {
        if (direct) {
            return new DirectDayJsonWriter(bytes);
        }
        for (JsonNode result : results) {
            if (!JsonTrees.isPlain(result)) {
                mapped();
                break;
            }
        }
        Formats made = formats();
        JsonGenerator out = made.factory().createGenerator(bytes, JsonEncoding.UTF8);
        out.setPrettyPrinter(made.pretty().createInstance());
        return new GeneratorDayJsonWriter(out);
    }

    /** One top-level field, its name and value; a section's entries in their array or object. */
    static void writeField(StateField field, DayState state, SectionEntries entries, DayJsonWriter out)
            throws IOException {
        switch (field.shape) {
            case TEXT -> text(out, field.field, field.text(state));
            case ARRAY -> {
                out.writeArrayFieldStart(field.field);
                writeEntries(field, entries, 0, out);
                out.writeEndArray();
            }
            case OBJECT -> {
                out.writeObjectFieldStart(field.field);
                writeEntries(field, entries, 0, out);
                out.writeEndObject();
            }
            default -> throw new IllegalStateException(field.field);
        }
    }

    static void writeEntries(StateField field, SectionEntries entries, int from, DayJsonWriter out)
            throws IOException {
        for (int i = from; i < entries.size(); i++) {
            field.write(entries, i, out);
        }
    }

    static void text(DayJsonWriter out, String field, String value) throws IOException {
        if (value == null) {
            out.writeNullField(field);
        } else {
            out.writeStringField(field, value);
        }
    }

    /** The writer for a result held as a binary or POJO node, made the first time one is written. */
    private ObjectWriter mapped() {
        ObjectWriter made = writer;
        if (made == null) {
            made = new ObjectMapper(formats().factory()).writer(formats().pretty());
            writer = made;
        }
        return made;
    }

    DayState decode(DayKey key, byte[] bytes) throws CorruptStateException {
        DayState plain = DayScanner.scanWithResults(key, bytes);
        return plain != null ? plain : decodeWithParser(key, bytes);
    }

    /** {@link #decode} by Jackson's parser, for a file {@link DayScanner} leaves to it. */
    DayState decodeWithParser(DayKey key, byte[] bytes) throws CorruptStateException {
        JsonNode root;
        try (JsonParser parser = formats().factory().createParser(bytes)) {
            root = JsonTrees.read(parser);
            JsonToken after = root.isMissingNode() ? null : parser.nextToken();
            if (after != null) {
                throw CorruptTrailer.of(parser, after);
            }
        } catch (CorruptTrailer e) {
            throw new CorruptStateException("not valid JSON: " + e.getMessage() + e.where);
        } catch (JsonProcessingException e) {
            throw new CorruptStateException("not valid JSON: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new CorruptStateException("not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new CorruptStateException(bytes.length == 0 ? "the file is empty" : "no JSON value in the file");
        }
        if (!root.isObject()) {
            throw new CorruptStateException("the top level is not a JSON object");
        }
        for (String field : List.of("date", "account", "type")) {
            requireTextOrAbsent(root, field);
        }
        List<String> completed = strings(root, "completed", true);
        List<String> remaining = strings(root, "remaining", false);
        Instant lastUpdate = instantOrNull(root.get("lastUpdate"));
        return DayState.of(key, completed, remaining, lastUpdate, results(root), failures(root),
                durations(root), notes(root));
    }

    /** Lenient like the other extras: an entry that does not read is dropped, not fatal. */
    private static DayNotes notes(JsonNode root) throws CorruptStateException {
        Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        JsonNode node = object(root, "runs");
        if (node != null) {
            node.properties().forEach(e -> {
                Instant start = instantOrNull(e.getValue().get("lastStart"));
                if (start != null) {
                    runs.put(e.getKey(), new DayNotes.RunInfo(start,
                            Math.max(0, e.getValue().path("attempts").asInt(0))));
                }
            });
        }
        JsonNode firstTries = object(root, START_MILLIS);
        if (firstTries != null) {
            firstTries.properties().forEach(e -> {
                JsonNode millis = e.getValue();
                if (millis.isIntegralNumber() && millis.canConvertToLong() && Timestamps.inRange(millis.longValue())) {
                    runs.putIfAbsent(e.getKey(), new DayNotes.RunInfo(Instant.ofEpochMilli(millis.longValue()), 1));
                }
            });
        }
        Map<String, Instant> revoked = times(root, "revoked");
        Map<String, Instant> started = times(root, "started");
        Instant resetAt = instantOrNull(root.get("resetAt"));
        if (runs.isEmpty() && revoked.isEmpty() && resetAt == null && started.isEmpty()) {
            return DayNotes.EMPTY;
        }
        return new DayNotes(runs, revoked, resetAt, started);
    }

    /** An object of ids to times; an entry whose time does not read is dropped. */
    private static Map<String, Instant> times(JsonNode root, String field) throws CorruptStateException {
        Map<String, Instant> times = new LinkedHashMap<>();
        JsonNode node = object(root, field);
        if (node != null) {
            node.properties().forEach(e -> {
                Instant at = instantOrNull(e.getValue());
                if (at != null) {
                    times.put(e.getKey(), at);
                }
            });
        }
        return times;
    }

    private static void requireTextOrAbsent(JsonNode root, String field) throws CorruptStateException {
        JsonNode value = root.get(field);
        if (value != null && !value.isTextual() && !value.isNull()) {
            throw new CorruptStateException("\"" + field + "\" is not a string");
        }
    }

    private static List<String> strings(JsonNode root, String field, boolean required)
            throws CorruptStateException {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            if (required) {
                throw new CorruptStateException("\"" + field + "\" is missing");
            }
            return List.of();
        }
        if (!array.isArray()) {
            throw new CorruptStateException("\"" + field + "\" is not an array");
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            if (!id.isTextual()) {
                throw new CorruptStateException("\"" + field + "\" holds a non-string: " + abbreviate(id));
            }
            ids.add(id.textValue());
        }
        return ids;
    }

    private static Map<String, JsonNode> results(JsonNode root) throws CorruptStateException {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        JsonNode node = object(root, "results");
        if (node != null) {
            node.properties().forEach(e -> results.put(e.getKey(), e.getValue()));
        }
        return results;
    }

    private static Map<String, LastFailure> failures(JsonNode root) throws CorruptStateException {
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        JsonNode node = object(root, "failures");
        if (node == null) {
            return failures;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode f = entry.getValue();
            if (!f.isObject()) {
                throw new CorruptStateException("\"failures\"." + entry.getKey() + " is not an object");
            }
            Instant at = instantOrNull(f.get("lastFailure"));
            failures.put(entry.getKey(), new LastFailure(f.path("exception").asText(""),
                    f.path("message").isTextual() ? f.path("message").textValue() : null,
                    at == null ? Instant.EPOCH : at, Math.max(0, f.path("attempts").asInt(0)),
                    Math.max(0, f.path("maxAttempts").asInt(0))));
        }
        return failures;
    }

    private static Map<String, Long> durations(JsonNode root) throws CorruptStateException {
        Map<String, Long> durations = new LinkedHashMap<>();
        JsonNode node = object(root, "durations");
        if (node != null) {
            node.properties().forEach(e -> {
                if (e.getValue().canConvertToLong()) {
                    durations.put(e.getKey(), e.getValue().longValue());
                }
            });
        }
        return durations;
    }

    private static JsonNode object(JsonNode root, String field) throws CorruptStateException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new CorruptStateException("\"" + field + "\" is not an object");
        }
        return node;
    }

    private static Instant instantOrNull(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Timestamps.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String location(JsonProcessingException e) {
        return location(e.getLocation());
    }

    private static String location(JsonLocation at) {
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** A value followed by more than whitespace: corrupt, said as the ObjectMapper said it. */
    private static final class CorruptTrailer extends IOException {

        private static final long serialVersionUID = 1L;

        final String where;

        private CorruptTrailer(String message, String where) {
            super(message);
            this.where = where;
        }

        static CorruptTrailer of(JsonParser parser, JsonToken after) {
            return new CorruptTrailer(String.format(TRAILING, after), location(parser.currentTokenLocation()));
        }
    }
}
