package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DayScanner} as the codec's first reader ({@link StateCodec#decode}): for every file it reads,
 * the day Jackson's parser reads, results and all, down to each result's node class; every file it is
 * unsure of (torn, escaped, non-ASCII, fractions, big numbers, repeated names) it leaves to the parser.
 */
class DayScannerAsCodecTest {

    private static final DayKey KEY = new DayKey("a@example.com", "daily-set", LocalDate.parse("2025-09-20"));

    private static final String PLAIN = """
            {
              "date": "2025-09-20",
              "account": "a@example.com",
              "type": "daily-set",
              "completed": ["check-in", "quiz-1", "poll-1", "n", "t", "f", "neg", "big", "min"],
              "remaining": ["quiz-2", "pay-42"],
              "lastUpdate": "2025-09-20T10:30:00.000Z",
              "results": {"quiz-1": 10, "poll-1": {"offerId": "poll-1", "points": [5, {"deep": [[[]]]}], "o": {}},
                          "n": null, "t": true, "f": false, "neg": -3, "big": 2147483648, "min": -2147483648,
                          "orphan": "kept as the parser keeps it"},
              "failures": {
                "quiz-2": {"exception": "java.io.IOException", "message": "timeout",
                           "lastFailure": "2025-09-20T10:29:58.120Z", "attempts": 2, "maxAttempts": 3}
              },
              "durations": {"check-in": 412, "quiz-1": 1290, "poll-1": 9999999999},
              "runs": {"quiz-2": {"lastStart": "2025-09-20T10:29:57.020Z", "attempts": 2}},
              "startMillis": {"check-in": 1758326400000},
              "revoked": {"quiz-3": "2025-09-20T10:00:00.000Z"},
              "resetAt": "2025-09-20T06:00:00.000Z",
              "started": {"pay-42": "2025-09-20T10:30:00.000Z"},
              "future": {"a": [1, 2, {"b": null}]}
            }
            """;

    private final StateCodec codec = new StateCodec();

    @Test
    void readsResultsAsTheParserDoesDownToTheirNodeClasses() throws Exception {
        byte[] bytes = PLAIN.getBytes(StandardCharsets.UTF_8);

        DayState scanned = DayScanner.scanWithResults(KEY, bytes);

        assertNotNull(scanned, "read without the parser");
        assertEquals(view(codec.decodeWithParser(KEY, bytes)), view(scanned));
        assertTrue(view(scanned).contains("poll-1={\"offerId\":\"poll-1\""), view(scanned));
        assertEquals(JsonNodeFactory.instance.numberNode(2147483648L), scanned.results().get("big"));
    }

    @Test
    void readsEveryDayTheCodecWritesAsTheParserDoesOrLeavesItToIt() throws Exception {
        Random random = new Random(42);
        int scanned = 0;
        for (int i = 0; i < 3000; i++) {
            DayState day = StateCodecBytesTest.randomDay(random);
            byte[] bytes = codec.encode(day);
            DayState read = DayScanner.scanWithResults(day.key(), bytes);
            if (read != null) {
                scanned++;
                assertEquals(view(codec.decodeWithParser(day.key(), bytes)), view(read), () -> new String(bytes,
                        StandardCharsets.UTF_8));
            }
            assertEquals(view(codec.decodeWithParser(day.key(), bytes)), view(codec.decode(day.key(), bytes)));
        }
        assertTrue(scanned > 20, scanned + " of 3000 read without the parser");
    }

    @Test
    void readsThousandsOfPlainDaysAsTheParserDoes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            DayState day = plainDay(random);
            byte[] bytes = codec.encode(day);
            DayState read = DayScanner.scanWithResults(day.key(), bytes);
            assertNotNull(read, () -> new String(bytes, StandardCharsets.UTF_8));
            assertEquals(view(codec.decodeWithParser(day.key(), bytes)), view(read));
        }
    }

    /**
     * A day of ASCII ids and texts whose results are whole numbers of up to 18 digits, texts,
     * booleans, nulls and trees of them: the plain shape, all of it read here.
     */
    private static DayState plainDay(Random random) {
        List<String> completed = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        Map<String, Long> durations = new LinkedHashMap<>();
        Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000));
        for (int i = random.nextInt(30); i > 0; i--) {
            String id = "quiz-" + i + (random.nextBoolean() ? "" : "/offer {0} & more");
            if (random.nextInt(4) == 0) {
                remaining.add(id);
                if (random.nextBoolean()) {
                    failures.put(id, new LastFailure("java.io.IOException", random.nextBoolean() ? null : "timed out",
                            at, random.nextInt(5), random.nextInt(3)));
                }
                runs.put(id, new DayNotes.RunInfo(at.plusMillis(random.nextInt(1000)), 1 + random.nextInt(4)));
                continue;
            }
            completed.add(id);
            if (random.nextBoolean()) {
                results.put(id, plainValue(random, 3));
            }
            durations.put(id, (long) random.nextInt(100_000));
            runs.put(id, new DayNotes.RunInfo(at.plusMillis(random.nextInt(1000)), 1 + random.nextInt(2)));
        }
        return DayState.of(KEY, completed, remaining, random.nextInt(5) == 0 ? null : at, results, failures, durations,
                new DayNotes(runs, Map.of(), random.nextInt(9) == 0 ? at : null, Map.of()));
    }

    private static JsonNode plainValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0: return nodes.textNode("text " + random.nextInt(99));
            case 1: return nodes.numberNode(random.nextInt());
            case 2: return nodes.numberNode(random.nextLong() % 1_000_000_000_000_000_000L >> random.nextInt(40));
            case 3: return nodes.booleanNode(random.nextBoolean());
            case 4: return nodes.nullNode();
            case 5: return nodes.numberNode((short) random.nextInt());
            case 6:
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set("field" + i, plainValue(random, depth - 1));
                }
                return object;
            default:
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(plainValue(random, depth - 1));
                }
                return array;
        }
    }

    /**
     * The counting read the CLI makes (results skipped): whatever it reads is the parser's day less
     * its results, over the plain sample with any byte changed, plain days and random ones.
     */
    @Test
    void theCountingReadIsTheParsersDayWithoutResults() throws Exception {
        List<byte[]> files = new ArrayList<>();
        byte[] plain = PLAIN.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < plain.length; i++) {
            for (byte replacement : "{}\":,0.eEn\u00e9".getBytes(StandardCharsets.ISO_8859_1)) {
                byte[] bytes = plain.clone();
                bytes[i] = replacement;
                files.add(bytes);
            }
        }
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            files.add(codec.encode(plainDay(random)));
            files.add(codec.encode(StateCodecBytesTest.randomDay(random)));
        }
        int counted = 0;
        for (byte[] bytes : files) {
            DayState day = DayScanner.scan(KEY, bytes, bytes.length);
            if (day != null) {
                counted++;
                String where = new String(bytes, StandardCharsets.UTF_8);
                assertEquals(withoutResults(view(assertParses(bytes, where))), view(day), where);
            }
        }
        assertTrue(counted > 1000, counted + " of " + files.size() + " read by the counting read");
    }

    @Test
    void aTruncatedFileIsLeftToTheParser() {
        byte[] bytes = PLAIN.getBytes(StandardCharsets.UTF_8);
        int whole = PLAIN.stripTrailing().length();
        for (int length = 0; length < whole; length++) {
            assertNull(DayScanner.scanWithResults(KEY, Arrays.copyOf(bytes, length)), "first " + length + " bytes");
        }
        assertNotNull(DayScanner.scanWithResults(KEY, Arrays.copyOf(bytes, whole)));
    }

    /** Any one byte changed, to a character JSON gives a meaning: read as the parser reads it, or left to it. */
    @Test
    void aFileWithAnyByteChangedReadsAsTheParserReadsItOrNotHere() {
        byte[] plain = PLAIN.getBytes(StandardCharsets.UTF_8);
        byte[] replacements = "{}[]\":, 0-9.eE\\nxtf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        int read = 0;
        for (int i = 0; i < plain.length; i++) {
            for (byte replacement : replacements) {
                if (plain[i] == replacement) {
                    continue;
                }
                byte[] bytes = plain.clone();
                bytes[i] = replacement;
                DayState day = DayScanner.scanWithResults(KEY, bytes);
                if (day != null) {
                    read++;
                    String where = "byte " + i + " as " + (char) (replacement & 0xff);
                    assertEquals(view(assertParses(bytes, where)), view(day), where);
                }
            }
        }
        assertTrue(read > 100, "some changes still read here: " + read);
    }

    @Test
    void leavesWhatItIsUnsureOfToTheParser() {
        for (String results : new String[] {"{\"a\": 1.5}", "{\"a\": 1e3}", "{\"a\": 9223372036854775807}",
            "{\"a\": \"caf\u00e9\"}", "{\"a\": \"tab\\tx\"}", "{\"a\": 1, \"a\": 2}", "{\"a\": {\"b\": 1, \"b\": 2}}",
            "{\"a\": 01}", "[1]", "7"}) {
            String json = "{\"completed\": [\"a\"], \"results\": " + results + "}";
            assertNull(DayScanner.scanWithResults(KEY, json.getBytes(StandardCharsets.UTF_8)), json);
        }
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(70)).append("]".repeat(70));
        String json = "{\"completed\": [\"a\"], \"results\": {\"a\": " + deep + "}}";
        assertNull(DayScanner.scanWithResults(KEY, json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(), DayScanner.scanWithResults(KEY,
                "{\"completed\": [], \"results\": null}".getBytes(StandardCharsets.UTF_8)).results());
    }

    /** Everything a read says, each result with its node class. */
    static String view(DayState day) {
        List<String> parts = new ArrayList<>();
        parts.add("key=" + day.key());
        parts.add("completed=" + day.completed());
        parts.add("remaining=" + day.remaining());
        parts.add("lastUpdate=" + day.lastUpdate());
        day.results().forEach((id, result) -> parts.add("result " + id + "=" + result + " " + classes(result)));
        parts.add("failures=" + day.failures());
        parts.add("durations=" + day.durations());
        parts.add("notes=" + day.notes());
        return String.join("\n", parts);
    }

    private static String withoutResults(String view) {
        return String.join("\n", view.lines().filter(line -> !line.startsWith("result ")).toList());
    }

    private static String classes(JsonNode node) {
        StringBuilder all = new StringBuilder(node.getClass().getSimpleName());
        node.forEach(child -> all.append('(').append(classes(child)).append(')'));
        return all.toString();
    }

    private DayState assertParses(byte[] bytes, String where) {
        try {
            return codec.decodeWithParser(KEY, bytes);
        } catch (CorruptStateException e) {
            throw new AssertionError(where + ": read here, but corrupt to the parser: " + e.getMessage(), e);
        }
    }
}
