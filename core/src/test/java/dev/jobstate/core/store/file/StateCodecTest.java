package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.jobstate.core.engine.ResultCodec;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateCodecTest {

    private static final DayKey KEY = new DayKey("user@email.com", "daily-set", LocalDate.parse("2025-09-20"));
    private static final Instant LAST_UPDATE = Instant.parse("2025-09-20T10:30:00Z");

    /** The original format's example, byte for byte (plus a final newline). */
    private static final String ORIGINAL_EXAMPLE = """
            {
              "date": "2025-09-20",
              "account": "user@email.com",
              "type": "daily-set",
              "completed": [
                "daily-check-in",
                "quiz-1",
                "poll-1"
              ],
              "remaining": [
                "quiz-2",
                "search-desktop"
              ],
              "lastUpdate": "2025-09-20T10:30:00.000Z"
            }
            """;

    private final StateCodec codec = new StateCodec();

    private static DayState originalDay() {
        return DayState.of(KEY, List.of("daily-check-in", "quiz-1", "poll-1"), List.of("quiz-2", "search-desktop"),
                LAST_UPDATE, Map.of(), Map.of(), Map.of());
    }

    private String encoded(DayState day) {
        return new String(codec.encode(day), StandardCharsets.UTF_8);
    }

    private DayState decode(String text) throws CorruptStateException {
        return codec.decode(KEY, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String minimal(String more) {
        return "{\"date\":\"2025-09-20\",\"account\":\"user@email.com\",\"type\":\"daily-set\","
                + "\"completed\":[\"a\"],\"remaining\":[]" + more + "}";
    }

    @Test
    void writesTheOriginalSixFieldsExactlyAsTheOriginalExampleShowsThem() {
        assertEquals(ORIGINAL_EXAMPLE, encoded(originalDay()));
    }

    @Test
    void readsTheOriginalExample() throws CorruptStateException {
        DayState day = decode(ORIGINAL_EXAMPLE);

        assertEquals(List.of("daily-check-in", "quiz-1", "poll-1"), day.completed());
        assertEquals(List.of("quiz-2", "search-desktop"), day.remaining());
        assertEquals(LAST_UPDATE, day.lastUpdate());
    }

    @Test
    void writesEmptyListsAsEmptyArraysAndAnUnknownLastUpdateAsNull() throws Exception {
        JsonNode json = new ObjectMapper().readTree(codec.encode(DayState.empty(KEY)));

        assertEquals(List.of("date", "account", "type", "completed", "remaining", "lastUpdate"), names(json));
        assertTrue(json.get("completed").isArray() && json.get("completed").isEmpty());
        assertTrue(json.get("remaining").isArray() && json.get("remaining").isEmpty());
        assertTrue(json.get("lastUpdate").isNull());
        assertTrue(encoded(DayState.empty(KEY)).contains("\"completed\": [],"), encoded(DayState.empty(KEY)));
    }

    @ParameterizedTest
    @CsvSource({
        "2025-09-20T10:30:00Z, 2025-09-20T10:30:00.000Z",
        "2025-09-20T10:30:00.123456789Z, 2025-09-20T10:30:00.123Z",
        "2025-09-20T23:59:59.999Z, 2025-09-20T23:59:59.999Z",
        "2025-01-02T03:04:05.060Z, 2025-01-02T03:04:05.060Z",
    })
    void writesLastUpdateInUtcWithExactlyMilliseconds(String instant, String written) throws Exception {
        DayState day = DayState.of(KEY, List.of(), List.of(), Instant.parse(instant), Map.of(), Map.of(), Map.of());

        assertEquals(written, new ObjectMapper().readTree(codec.encode(day)).get("lastUpdate").textValue());
    }

    @Test
    void extraFieldsForResultsFailuresAndDurationsComeAfterTheOriginalSix() throws Exception {
        DayState day = DayState.of(KEY, List.of("a"), List.of("b"), LAST_UPDATE, Map.of("a", IntNode.valueOf(7)),
                Map.of("b", new LastFailure("java.io.IOException", "timeout", LAST_UPDATE, 2)), Map.of("a", 1500L));

        JsonNode json = new ObjectMapper().readTree(codec.encode(day));

        assertEquals(List.of("date", "account", "type", "completed", "remaining", "lastUpdate", "results",
                "failures", "durations"), names(json));
        JsonNode failure = json.get("failures").get("b");
        assertEquals("java.io.IOException", failure.get("exception").textValue());
        assertEquals("timeout", failure.get("message").textValue());
        assertEquals("2025-09-20T10:30:00.000Z", failure.get("lastFailure").textValue());
        assertEquals(2, failure.get("attempts").intValue());
        assertEquals(1500L, json.get("durations").get("a").longValue());
    }

    @Test
    void roundTripsEverythingItWrites() throws CorruptStateException {
        DayState day = DayState.of(KEY, List.of("quiz-é", "用户", "a\"b\\c\n"), List.of("r1", "r2"),
                Instant.parse("2025-09-20T10:30:00.123Z"),
                Map.of("quiz-é", IntNode.valueOf(3), "用户", NullNode.getInstance()),
                Map.of("r1", new LastFailure("E", null, Instant.parse("2025-09-20T09:00:00.001Z"), 4)),
                Map.of("quiz-é", 12L));

        DayState back = codec.decode(KEY, codec.encode(day));

        assertEquals(day.completed(), back.completed());
        assertEquals(day.remaining(), back.remaining());
        assertEquals(day.lastUpdate(), back.lastUpdate());
        assertEquals(day.results(), back.results());
        assertTrue(back.hasResult("用户"));
        assertEquals(day.failures(), back.failures());
        assertEquals(day.durations(), back.durations());
    }

    @Test
    void aFailuresCapIsWrittenAfterItsAttemptsAndReadBack() throws Exception {
        DayState day = DayState.of(KEY, List.of(), List.of("capped", "free"), LAST_UPDATE, Map.of(),
                Map.of("capped", new LastFailure("java.io.IOException", "timeout", LAST_UPDATE, 3, 3),
                        "free", new LastFailure("java.io.IOException", "timeout", LAST_UPDATE, 1, 0)),
                Map.of());

        JsonNode json = new ObjectMapper().readTree(codec.encode(day));
        DayState back = codec.decode(KEY, codec.encode(day));

        assertEquals(List.of("exception", "message", "lastFailure", "attempts", "maxAttempts"),
                names(json.at("/failures/capped")));
        assertEquals(3, json.at("/failures/capped/maxAttempts").intValue());
        assertTrue(json.at("/failures/free/maxAttempts").isMissingNode(), "no cap, no field");
        assertEquals(day.failures(), back.failures());
        assertTrue(back.failures().get("capped").gaveUp());
        assertEquals(0, back.failures().get("free").maxAttempts());
    }

    @Test
    void aFailureWrittenBeforeCapsExistedReadsAsUncapped() throws CorruptStateException {
        DayState day = decode(minimal(",\"failures\":{\"f\":{\"exception\":\"java.io.IOException\","
                + "\"message\":\"timeout\",\"lastFailure\":\"2025-09-20T10:30:00.000Z\",\"attempts\":5}}"));

        LastFailure f = day.failures().get("f");
        assertEquals(new LastFailure("java.io.IOException", "timeout", LAST_UPDATE, 5, 0), f);
        assertFalse(f.gaveUp(), "five failures without a cap give up nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2", "\"three\"", "null"})
    void aCapThatIsNotACountReadsAsNoCap(String cap) throws CorruptStateException {
        DayState day = decode(minimal(",\"failures\":{\"f\":{\"attempts\":2,\"maxAttempts\":" + cap + "}}"));

        assertEquals(0, day.failures().get("f").maxAttempts());
    }

    @Test
    void theDayComesFromTheFileNameNotFromItsContent() throws CorruptStateException {
        DayState day = decode(ORIGINAL_EXAMPLE.replace("2025-09-20\"", "1999-01-01\"")
                .replace("user@email.com", "someone@else"));

        assertEquals(KEY, day.key());
    }

    @Test
    void anEmptyFileIsCorrupt() {
        CorruptStateException e = assertThrows(CorruptStateException.class, () -> decode(""));
        assertEquals("the file is empty", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "   \n",
        "[]",
        "\"text\"",
        "42",
        "null",
        "{",
        "{\"completed\":[\"a\"]",
        "not json",
    })
    void aFileThatIsNotAJsonObjectIsCorrupt(String text) {
        assertThrows(CorruptStateException.class, () -> decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"completed\":[\"a\"]} trailing",
        "{\"completed\":[\"a\"]}{}",
        "{\"completed\":[\"a\"]}]",
    })
    void trailingGarbageAfterTheObjectIsCorrupt(String text) {
        assertThrows(CorruptStateException.class, () -> decode(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"completed\":\"a\"}|\"completed\" is not an array",
        "{\"completed\":{\"a\":1}}|\"completed\" is not an array",
        "{\"completed\":[1]}|\"completed\" holds a non-string: 1",
        "{\"completed\":[null]}|\"completed\" holds a non-string: null",
        "{\"completed\":[[\"a\"]]}|\"completed\" holds a non-string",
        "{\"completed\":[],\"remaining\":\"a\"}|\"remaining\" is not an array",
        "{\"completed\":[],\"remaining\":[true]}|\"remaining\" holds a non-string: true",
        "{}|\"completed\" is missing",
        "{\"date\":20250920,\"completed\":[]}|\"date\" is not a string",
        "{\"account\":[],\"completed\":[]}|\"account\" is not a string",
        "{\"type\":{},\"completed\":[]}|\"type\" is not a string",
        "{\"completed\":[],\"results\":[]}|\"results\" is not an object",
        "{\"completed\":[],\"failures\":{\"a\":1}}|\"failures\".a is not an object",
        "{\"completed\":[],\"durations\":3}|\"durations\" is not an object",
    })
    void aFieldOfTheWrongShapeMakesTheFileCorruptAndSaysWhich(String text, String problem) {
        CorruptStateException e = assertThrows(CorruptStateException.class, () -> decode(text));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void theResultsTheCodecRecordsComeBackUnchanged() throws CorruptStateException {
        ResultCodec results = new ResultCodec();
        Map<String, JsonNode> recorded = Map.of(
                "amount", results.record(new BigDecimal("12345678901234567890.10"), BigDecimal.class),
                "zoned", results.record(ZonedDateTime.parse("2025-09-20T10:30:00.5+02:00[Europe/Paris]"),
                        ZonedDateTime.class),
                "typed", results.record(List.of(new BigDecimal("1.50"), 5L, Optional.of(LocalDate.EPOCH)), Object.class),
                "big", results.record(new BigInteger("123456789012345678901234567890"), BigInteger.class),
                "ratio", results.record(0.1, double.class));
        DayState day = DayState.of(KEY, List.copyOf(recorded.keySet()), List.of(), LAST_UPDATE, recorded, Map.of(),
                Map.of());

        assertEquals(recorded, codec.decode(KEY, codec.encode(day)).results());
    }

    @Test
    void aDecimalNumberComesBackAsADoubleWhichIsWhyResultsStoreBigDecimalsAsText() throws CorruptStateException {
        DayState day = DayState.of(KEY, List.of("a"), List.of(), LAST_UPDATE,
                Map.of("a", DecimalNode.valueOf(new BigDecimal("12345678901234567890.10"))), Map.of(), Map.of());

        JsonNode back = codec.decode(KEY, codec.encode(day)).results().get("a");

        assertTrue(back.isDouble());
        assertNotEquals(new BigDecimal("12345678901234567890.10"), back.decimalValue());
    }

    @Test
    void invalidJsonIsCorruptAndSaysWhere() {
        CorruptStateException e = assertThrows(CorruptStateException.class,
                () -> decode("{\n  \"completed\": [\"a\",,]\n}"));
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void absurdlyDeepNestingIsCorruptRatherThanAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThrows(CorruptStateException.class, () -> decode(minimal(",\"results\":{\"a\":" + deep + "}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2025-09-20 10:30\"", "12345", "true", "{}", "null"})
    void aLastUpdateThatDoesNotParseIsDroppedNotFatal(String lastUpdate) throws CorruptStateException {
        DayState day = decode(minimal(",\"lastUpdate\":" + lastUpdate));

        assertNull(day.lastUpdate());
        assertEquals(List.of("a"), day.completed());
    }

    @Test
    void aLastUpdateWithoutMillisecondsIsRead() throws CorruptStateException {
        assertEquals(LAST_UPDATE, decode(minimal(",\"lastUpdate\":\"2025-09-20T10:30:00Z\"")).lastUpdate());
    }

    @Test
    void unknownFieldsAreIgnored() throws CorruptStateException {
        DayState day = decode(minimal(",\"notes\":\"hand edited\",\"version\":3,\"extra\":{\"x\":[1,2]}"));

        assertEquals(List.of("a"), day.completed());
    }

    @Test
    void aFileWithOnlyCompletedIsEnough() throws CorruptStateException {
        DayState day = decode("{\"completed\":[\"a\",\"b\"]}");

        assertEquals(List.of("a", "b"), day.completed());
        assertEquals(List.of(), day.remaining());
        assertNull(day.lastUpdate());
    }

    @Test
    void duplicateIdsAreDroppedAndAnIdBothDoneAndRemainingCountsAsDone() throws CorruptStateException {
        DayState day = decode("{\"completed\":[\"a\",\"b\",\"a\"],\"remaining\":[\"c\",\"a\",\"c\"]}");

        assertEquals(List.of("a", "b"), day.completed());
        assertEquals(List.of("c"), day.remaining());
    }

    @Test
    void odditiesInsideFailuresAndDurationsAreToleratedValueByValue() throws CorruptStateException {
        DayState day = decode(minimal(",\"failures\":{\"f\":{\"attempts\":-3,\"lastFailure\":\"bad\"}},"
                + "\"durations\":{\"a\":\"slow\",\"b\":42}"));

        LastFailure f = day.failures().get("f");
        assertEquals(0, f.attempts());
        assertEquals(Instant.EPOCH, f.at());
        assertEquals("", f.exception());
        assertNull(f.message());
        assertEquals(Map.of("b", 42L), day.durations());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
