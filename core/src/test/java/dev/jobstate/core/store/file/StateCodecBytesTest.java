package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link StateCodec} against the ObjectMapper one it replaced ({@link MapperStateCodec}):
 * the same bytes for every day written, and for every file read, damaged or not, the same day or the
 * same reason it is corrupt.
 *
 * <p>One difference on purpose, since issue 17: the run of a completed id that was its one attempt is
 * written in {@code startMillis} as a number rather than in {@code runs} as an object (fewer bytes and
 * less to format on every checkpoint). A day with such a run reads back as the same day, its runs in
 * another order; every other day is written byte for byte as before.
 */
class StateCodecBytesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TEXTS = {"", "a", "quiz-1", "é€😀", "quote\"back\\slash", "tab\tnew\nline\r",
        "\u0000\u001f\u007f", "</script>", "  spaces  ", "ünïcödé-ÄÖÜ", "\u2028\u2029", "{0.offerId}"};

    private final StateCodec streaming = new StateCodec();
    private final MapperStateCodec mapper = new MapperStateCodec();

    @Test
    void writesTheSameBytesAsTheObjectMapperDidForManyDays() {
        Random random = new Random(17);
        int same = 0;
        int split = 0;
        for (int i = 0; i < 3000; i++) {
            DayState day = randomDay(random);
            byte[] expected = mapper.encode(day);
            if (!hasFirstTry(day)) {
                same++;
                assertArrayEquals(expected, streaming.encode(day), () -> "day: " + new String(expected,
                        StandardCharsets.UTF_8));
            } else {
                split++;
                DayState read = assertDoesNotThrow(() -> streaming.decode(day.key(), streaming.encode(day)));
                DayState before = assertDoesNotThrow(() -> streaming.decode(day.key(), expected));
                assertEquals(new String(mapper.encode(runsSorted(before)), StandardCharsets.UTF_8),
                        new String(mapper.encode(runsSorted(read)), StandardCharsets.UTF_8));
            }
        }
        assertTrue(same > 1000 && split > 50, same + " days written as before, " + split + " with startMillis");
    }

    /** Whether {@code day} has a run that {@code startMillis} says: a completed id's one attempt. */
    static boolean hasFirstTry(DayState day) {
        return day.notes().runs().entrySet().stream()
                .anyMatch(e -> e.getValue().attempts() == 1 && day.isCompleted(e.getKey()));
    }

    /** {@code day} with its runs in id order: the order runs are listed in says nothing. */
    static DayState runsSorted(DayState day) {
        DayNotes notes = day.notes();
        return DayState.of(day.key(), day.completed(), day.remaining(), day.lastUpdate(), day.results(),
                day.failures(), day.durations(), new DayNotes(new TreeMap<>(notes.runs()), notes.revoked(),
                        notes.resetAt(), notes.started()));
    }

    @Test
    void writesResultsOfEveryNodeKindAsTheObjectMapperDid() {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        results.put("int", NODES.numberNode(-7));
        results.put("long", NODES.numberNode(Long.MIN_VALUE));
        results.put("short", NODES.numberNode((short) 12));
        results.put("double", NODES.numberNode(0.1 + 0.2));
        results.put("tiny", NODES.numberNode(4.9e-324));
        results.put("huge", NODES.numberNode(1.7976931348623157e308));
        results.put("nan", NODES.numberNode(Double.NaN));
        results.put("infinity", NODES.numberNode(Double.NEGATIVE_INFINITY));
        results.put("float", NODES.numberNode(1.1f));
        results.put("big", NODES.numberNode(new BigInteger("123456789012345678901234567890")));
        results.put("decimal", NODES.numberNode(new BigDecimal("1.50")));
        results.put("exponent", NODES.numberNode(new BigDecimal("1E+400")));
        results.put("binary", NODES.binaryNode(new byte[] {1, 2, 3, (byte) 255}));
        results.put("pojo", NODES.pojoNode(List.of("a", 1)));
        results.put("null", NODES.nullNode());
        results.put("true", NODES.booleanNode(true));
        results.put("empty", NODES.objectNode());
        results.put("emptyArray", NODES.arrayNode());
        DayState day = DayState.of(new DayKey("a", "t", LocalDate.parse("2026-01-01")), List.copyOf(results.keySet()),
                List.of(), null, results, Map.of(), Map.of());
        assertEquals(new String(mapper.encode(day), StandardCharsets.UTF_8),
                new String(streaming.encode(day), StandardCharsets.UTF_8));
        for (String id : results.keySet()) {
            DayState one = DayState.of(day.key(), List.of(id), List.of(), null, Map.of(id, results.get(id)), Map.of(),
                    Map.of());
            assertArrayEquals(mapper.encode(one), streaming.encode(one), id);
        }
    }

    @Test
    void readsEveryFileAndEveryDamageAsTheObjectMapperDid() throws Exception {
        Random random = new Random(25);
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] good = mapper.encode(randomDay(random));
            files.add(good);
            files.add(Arrays.copyOf(good, random.nextInt(good.length + 1)));           // truncated
            byte[] flipped = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            files.add(flipped);
            byte[] zeroed = good.clone();
            Arrays.fill(zeroed, random.nextInt(zeroed.length), zeroed.length, (byte) 0);
            files.add(zeroed);
            for (String tail : new String[] {"x", "{}", "[1]", " 1", "\"s\"", "null", "}", "]", ",", "// c", "\u0000"}) {
                files.add(concat(good, tail));
            }
        }
        for (String text : new String[] {"", " \n\t\n", "null", "1", "\"s\"", "[]", "[{}]", "{}", "{\"completed\":1}",
            "{\"completed\":[1]}", "{\"completed\":[\"a\",{\"deep\":[1,2,{}]}]}", "{\"completed\":[]} {",
            "{\"completed\":[],\"completed\":[\"x\"]}", "{\"completed\":[],\"results\":{\"a\":1,\"a\":2.50}}",
            "{\"completed\":[\"a\"],\"results\":{\"a\":1e400,\"b\":-0.0,\"c\":12345678901234567890}}",
            "{\"completed\":[],\"failures\":{\"a\":{\"attempts\":1.5,\"message\":7}}}",
            "{\"completed\":[],\"durations\":{\"a\":1.0,\"b\":\"3\",\"c\":9999999999999999999}}",
            "[" + "[".repeat(250) + "]".repeat(250) + "]", "{\"completed\":[]}\u0000", "\ufeff{\"completed\":[]}"}) {
            files.add(text.getBytes(StandardCharsets.UTF_8));
        }
        DayKey key = new DayKey("a", "t", LocalDate.parse("2026-01-01"));
        for (byte[] file : files) {
            assertEquals(outcome(() -> mapper.encode(mapper.decode(key, file))),
                    outcome(() -> mapper.encode(streaming.decode(key, file))),
                    () -> "file: " + new String(file, StandardCharsets.UTF_8));
        }
    }

    private interface Read {
        byte[] get() throws CorruptStateException;
    }

    /** The day re-encoded, or why the file is corrupt. */
    private static String outcome(Read read) {
        try {
            return new String(read.get(), StandardCharsets.UTF_8);
        } catch (CorruptStateException e) {
            return "corrupt: " + e.getMessage();
        }
    }

    private static byte[] concat(byte[] good, String tail) {
        byte[] more = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(good, good.length + more.length);
        System.arraycopy(more, 0, all, good.length, more.length);
        return all;
    }

    static DayState randomDay(Random random) {
        DayKey key = new DayKey(text(random) + "@x", text(random), LocalDate.of(2020 + random.nextInt(10), 1 + random
                .nextInt(12), 1 + random.nextInt(28)));
        List<String> completed = ids(random);
        List<String> remaining = ids(random);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        Map<String, Long> durations = new LinkedHashMap<>();
        for (String id : completed) {
            if (random.nextBoolean()) {
                results.put(id, value(random, 3));
            }
            if (random.nextBoolean()) {
                durations.put(id, random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100_000));
            }
        }
        for (String id : remaining) {
            if (random.nextBoolean()) {
                failures.put(id, new LastFailure("java.io." + text(random), random.nextBoolean() ? null : text(random),
                        instant(random), random.nextInt(9), random.nextInt(3)));
            }
        }
        DayNotes notes = DayNotes.EMPTY;
        if (random.nextBoolean()) {
            Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
            Map<String, Instant> revoked = new LinkedHashMap<>();
            Map<String, Instant> started = new LinkedHashMap<>();
            List<String> noted = ids(random);
            if (!completed.isEmpty() && random.nextBoolean()) {
                noted.addAll(completed.subList(0, 1 + random.nextInt(completed.size())));
            }
            for (String id : noted) {
                switch (random.nextInt(3)) {
                    case 0 -> runs.put(id, new DayNotes.RunInfo(instant(random), random.nextInt(5)));
                    case 1 -> revoked.put(id, instant(random));
                    default -> started.put(id, instant(random));
                }
            }
            notes = new DayNotes(runs, revoked, random.nextBoolean() ? instant(random) : null, started);
        }
        return DayState.of(key, completed, remaining, random.nextInt(5) == 0 ? null : instant(random), results,
                failures, durations, notes);
    }

    private static List<String> ids(Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            ids.add(text(random) + i);
        }
        return ids;
    }

    static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(99)));
    }

    static Instant instant(Random random) {
        return Instant.ofEpochMilli(1_600_000_000_000L + (random.nextLong() & 0xffffffffffL));
    }

    static JsonNode value(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 11 : 9)) {
            case 0: return NODES.textNode(text(random));
            case 1: return NODES.numberNode(random.nextInt());
            case 2: return NODES.numberNode(random.nextLong());
            case 3: return NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4: return NODES.numberNode(new BigInteger(100, random));
            case 5: return NODES.numberNode(new BigDecimal(new BigInteger(70, random), random.nextInt(20) - 10));
            case 6: return NODES.booleanNode(random.nextBoolean());
            case 7: return NODES.nullNode();
            case 8: return NODES.numberNode(random.nextFloat());
            case 9:
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(text(random), value(random, depth - 1));
                }
                return object;
            default:
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                return array;
        }
    }
}
