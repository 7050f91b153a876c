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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state codec of the release before {@code runs} became partial (main at 2b9c288), kept word for
 * word as the previous release's reader and writer: files written by the current {@link StateCodec}
 * must read through it as the engine needs them, and files it wrote must read through the current one
 * unchanged ({@code StateCodecCompatibilityTest}). Only the class name differs.
 */
final class ReleasedStateCodec {

    /** The message {@code ObjectMapper.readTree} gave for what follows the value, kept word for word. */
    static final String TRAILING = "Trailing token (of type %s) found after value (bound as `"
            + JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";

    private final JsonFactory factory;
    private final DefaultPrettyPrinter pretty;
    private volatile ObjectWriter writer; // only for results no streaming write can write (Mapped)

    ReleasedStateCodec() {
        // Read and written with jackson-core's parser and generator, not an ObjectMapper: the first
        // state file is read or written while the bot starts (JsonTrees says what that saves). The
        // bytes are the ones the ObjectMapper wrote before (StateCodecBytesTest).
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                .build();
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""))
                .withArrayIndenter(lines)
                .withObjectIndenter(lines);
    }

    byte[] encode(DayState state) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        DayKey key = state.key();
        root.put("date", key.date().toString());
        root.put("account", key.account());
        root.put("type", key.type());
        ArrayNode completed = root.putArray("completed");
        state.completed().forEach(completed::add);
        ArrayNode remaining = root.putArray("remaining");
        state.remaining().forEach(remaining::add);
        root.put("lastUpdate", state.lastUpdate() == null ? null : Timestamps.format(state.lastUpdate()));
        if (!state.results().isEmpty()) {
            ObjectNode results = root.putObject("results");
            state.results().forEach(results::set);
        }
        if (!state.failures().isEmpty()) {
            ObjectNode failures = root.putObject("failures");
            state.failures().forEach((id, f) -> {
                ObjectNode entry = failures.putObject(id);
                entry.put("exception", f.exception());
                entry.put("message", f.message());
                entry.put("lastFailure", Timestamps.format(f.at()));
                entry.put("attempts", f.attempts());
                if (f.maxAttempts() > 0) {
                    entry.put("maxAttempts", f.maxAttempts());
                }
            });
        }
        if (!state.durations().isEmpty()) {
            ObjectNode durations = root.putObject("durations");
            state.durations().forEach(durations::put);
        }
        encodeNotes(state.notes(), root);
        try {
            byte[] text = JsonTrees.isPlain(root) ? streamed(root) : mapped().writeValueAsBytes(root);
            byte[] withNewline = new byte[text.length + 1];
            System.arraycopy(text, 0, withNewline, 0, text.length);
            withNewline[text.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** What {@code ObjectMapper.writer(pretty).writeValueAsBytes(root)} writes, without the mapper. */
    private byte[] streamed(JsonNode root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.setPrettyPrinter(pretty.createInstance());
            JsonTrees.write(root, out);
        }
        return bytes.toByteArray();
    }

    /** The writer for a result held as a binary or POJO node, made the first time one is written. */
    private ObjectWriter mapped() {
        ObjectWriter made = writer;
        if (made == null) {
            made = new ObjectMapper(factory).writer(pretty);
            writer = made;
        }
        return made;
    }

    DayState decode(DayKey key, byte[] bytes) throws CorruptStateException {
        JsonNode root;
        try (JsonParser parser = factory.createParser(bytes)) {
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

    private static void encodeNotes(DayNotes notes, ObjectNode root) {
        if (!notes.runs().isEmpty()) {
            ObjectNode runs = root.putObject("runs");
            notes.runs().forEach((id, run) -> {
                ObjectNode entry = runs.putObject(id);
                entry.put("lastStart", Timestamps.format(run.lastStart()));
                entry.put("attempts", run.attempts());
            });
        }
        if (!notes.revoked().isEmpty()) {
            ObjectNode revoked = root.putObject("revoked");
            notes.revoked().forEach((id, at) -> revoked.put(id, Timestamps.format(at)));
        }
        if (notes.resetAt() != null) {
            root.put("resetAt", Timestamps.format(notes.resetAt()));
        }
        if (!notes.started().isEmpty()) {
            ObjectNode started = root.putObject("started");
            notes.started().forEach((id, at) -> started.put(id, Timestamps.format(at)));
        }
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
