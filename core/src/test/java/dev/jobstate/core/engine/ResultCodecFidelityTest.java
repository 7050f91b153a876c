package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.ReplayAssertions.assertReplaysAs;
import static dev.jobstate.core.engine.ReplayAssertions.assertReplaysAsItself;
import static dev.jobstate.core.engine.ResultFixtures.declared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jobstate.core.engine.ResultFixtures.Cat;
import dev.jobstate.core.engine.ResultFixtures.Dog;
import dev.jobstate.core.engine.ResultFixtures.Level;
import dev.jobstate.core.engine.ResultFixtures.Offer;
import dev.jobstate.core.engine.ResultFixtures.PremiumOffer;
import dev.jobstate.core.engine.ResultFixtures.Quiz;
import dev.jobstate.core.engine.ResultFixtures.Status;
import dev.jobstate.core.engine.ResultFixtures.Totals;
import dev.jobstate.core.store.file.StateFileRoundTrip;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec's promise, type by type: what a method returned replays equal and of the same class,
 * straight from the recorded JSON and after a state file was written and read back. Most results
 * keep their plain JSON shape; the rest, where the declared type does not decide the classes, are
 * stored typed.
 */
class ResultCodecFidelityTest {

    private static final ClassLoader LOADER = ResultCodecFidelityTest.class.getClassLoader();
    private static final boolean PLAIN = true;
    private static final boolean TYPED = false;

    private final ResultCodec codec = new ResultCodec();

    private static Arguments plain(String what, String method, Object value) {
        return Arguments.of(what, method, value, PLAIN);
    }

    private static Arguments typed(String what, String method, Object value) {
        return Arguments.of(what, method, value, TYPED);
    }

    static Stream<Arguments> results() {
        Map<String, Integer> hashMap = new HashMap<>(Map.of("quiz-1", 10, "poll-1", 5));
        Map<String, Integer> linkedHashMap = new LinkedHashMap<>();
        linkedHashMap.put("quiz-2", 2);
        linkedHashMap.put("quiz-1", 1);
        List<Object> mixed = new ArrayList<>(Arrays.asList(1, 2L, 3.5, "x", new BigDecimal("2.0"), Status.DONE, null));
        return Stream.of(
                plain("a record", "quiz", new Quiz("q1", 10)),
                plain("a bean with private fields and no getters", "offer", new Offer("o1", 10)),
                plain("a bean holding a list, a map of BigDecimals and a ZonedDateTime", "totals", Totals.example()),
                plain("an ArrayList of records", "quizzes", new ArrayList<>(List.of(new Quiz("q1", 1), new Quiz("q2", 2)))),
                plain("List.of records", "quizzes", List.of(new Quiz("q1", 1))),
                plain("stream.toList() of records", "quizzes", Stream.of(new Quiz("q1", 1)).toList()),
                plain("Arrays.asList records", "quizzes", Arrays.asList(new Quiz("q1", 1))),
                plain("Collections.unmodifiableList of records", "quizzes",
                        Collections.unmodifiableList(new ArrayList<>(List.of(new Quiz("q1", 1))))),
                plain("a HashSet", "names", new HashSet<>(List.of("a", "b", "c"))),
                plain("Set.of", "names", Set.of("a", "b", "c")),
                typed("a LinkedHashSet declared Set", "names", new LinkedHashSet<>(List.of("b", "a"))),
                typed("a TreeSet declared Set", "names", new TreeSet<>(List.of("b", "a"))),
                plain("a HashMap", "points", hashMap),
                plain("Map.of", "points", Map.of("quiz-1", 10)),
                plain("Collections.unmodifiableMap", "points", Collections.unmodifiableMap(hashMap)),
                typed("a LinkedHashMap declared Map", "points", linkedHashMap),
                plain("a TreeMap declared SortedMap", "sortedPoints", new TreeMap<>(hashMap)),
                typed("a TreeMap declared Map", "points", new TreeMap<>(hashMap)),
                plain("a map of lists of records", "quizzesByDay", Map.of("mon", List.of(new Quiz("q1", 1)), "tue", List.of())),
                typed("a List<Animal> holding a Dog and a Cat", "animals", List.of(new Dog("rex"), new Cat("tom", 9))),
                typed("a Map<String, Animal>", "animalsByName", Map.of("rex", new Dog("rex"), "tom", new Cat("tom", 9))),
                plain("an Optional record", "maybeQuiz", Optional.of(new Quiz("q1", 1))),
                plain("an empty Optional", "maybeQuiz", Optional.empty()),
                plain("an Optional String", "maybeName", Optional.of("found")),
                plain("an int[]", "ints", new int[] {3, 1, 2}),
                plain("a double[] with NaN and -0.0", "doubles", new double[] {1.5, Double.NaN, -0.0, 1e300}),
                plain("a byte[]", "bytes", new byte[] {0, -1, 127}),
                plain("a char[]", "letters", new char[] {'a', 'é'}),
                plain("a String[]", "strings", new String[] {"a", null, "c"}),
                plain("a record[]", "quizArray", new Quiz[] {new Quiz("q1", 1)}),
                plain("an enum", "status", Status.PARTIAL),
                plain("an enum constant with a body", "level", Level.HARD),
                plain("an EnumSet", "statuses", EnumSet.of(Status.DONE)),
                typed("an EnumSet declared Set", "statusSet", EnumSet.of(Status.DONE, Status.PARTIAL)),
                typed("an empty EnumSet declared Set", "statusSet", EnumSet.noneOf(Status.class)),
                plain("a ZonedDateTime in a region", "zoned", ZonedDateTime.parse("2025-10-26T02:30:00.123456789+01:00[Europe/Paris]")),
                plain("a ZonedDateTime at an offset", "zoned", ZonedDateTime.parse("2025-09-20T10:30:00-03:00")),
                plain("an OffsetDateTime", "offset", OffsetDateTime.parse("2025-09-20T10:30:00+05:30")),
                plain("an Instant", "instant", Instant.parse("2025-09-20T10:30:00.123456789Z")),
                plain("a LocalDate", "date", LocalDate.parse("2025-09-20")),
                plain("a LocalDateTime", "localDateTime", LocalDateTime.parse("2025-09-20T10:30:00.5")),
                plain("a Duration with nanoseconds", "duration", Duration.ofSeconds(90061, 5)),
                plain("a relative Path", "path", Path.of("downloads", "offer.pdf")),
                plain("an absolute Path", "path", Path.of("/var/bots/offer.pdf")),
                plain("a relative File", "file", new File("downloads/offer.pdf")),
                plain("a BigDecimal with its scale", "amount", new BigDecimal("1.50")),
                plain("a BigDecimal past a double's digits", "amount", new BigDecimal("12345678901234567890.123456789")),
                plain("a BigDecimal with a negative scale", "amount", new BigDecimal("1E+3")),
                plain("a BigInteger past a long", "big", new BigInteger("123456789012345678901234567890")),
                plain("an int", "count", 42),
                plain("a long", "total", Long.MAX_VALUE),
                plain("a double", "ratio", 0.1),
                plain("a boolean", "done", true),
                plain("a char", "letter", 'é'),
                plain("an Integer", "boxedCount", 7),
                plain("a Long", "boxedTotal", 7L),
                plain("a Double", "boxedRatio", 7.0),
                plain("a String", "text", "héllo \"world\"\n"),
                plain("null", "quiz", null),
                typed("a subclass of the declared class", "offer", new PremiumOffer("o1", 10, new BigDecimal("2.50"))),
                typed("a record as T", "generic", new Quiz("q1", 1)),
                typed("a subclass as T", "generic", new PremiumOffer("o1", 10, BigDecimal.ONE)),
                typed("a List.of records as T", "generic", List.of(new Quiz("q1", 1))),
                typed("a HashMap of records as T", "generic", new HashMap<>(Map.of("q", new Quiz("q1", 1)))),
                typed("an Optional record as T", "generic", Optional.of(new Quiz("q1", 1))),
                typed("an empty Optional as T", "generic", Optional.empty()),
                typed("an int[] as T", "generic", new int[] {1, 2}),
                typed("a Long as T", "generic", 5L),
                typed("a BigDecimal as T", "generic", new BigDecimal("1.50")),
                typed("a ZonedDateTime as T", "generic", ZonedDateTime.parse("2025-09-20T10:30:00+02:00[Europe/Paris]")),
                typed("an enum as T", "generic", Status.DONE),
                typed("an EnumSet as T", "generic", EnumSet.of(Status.PARTIAL)),
                plain("a String as T", "generic", "text"),
                plain("an Integer as T", "generic", 3),
                plain("a map of lists of Integers as Object", "anything", Map.of("k", List.of(1, 2))),
                plain("a double PostgreSQL would write as an integer", "ratio", 1.0E20),
                typed("a Double PostgreSQL would write as an integer, as Object", "anything", 1.0E20),
                plain("a Double with an exponent and a fraction, as Object", "anything", 12345678.901),
                typed("a record as Object", "anything", new Quiz("q1", 1)),
                typed("a List<Object> of an Integer, a Long, a Double, a String, a BigDecimal, an enum and null",
                        "mixed", mixed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void everyResultReplaysEqualAndOfTheSameClass(String what, String method, Object value, boolean plain) {
        JsonNode recorded = codec.record(value, declared(method));

        assertReplaysAsItself(value, codec.replay(recorded, declared(method), LOADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void everyResultReplaysEqualAndOfTheSameClassFromAStateFile(String what, String method, Object value,
                                                                boolean plain) {
        JsonNode recorded = StateFileRoundTrip.of(codec.record(value, declared(method)));

        assertReplaysAsItself(value, codec.replay(recorded, declared(method), LOADER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void aResultIsStoredPlainWhenTheDeclaredTypeDecidesItsClassesAndTypedOtherwise(String what, String method,
                                                                                   Object value, boolean plain) {
        JsonNode recorded = codec.record(value, declared(method));

        assertEquals(plain, !recorded.has(ResultCodec.TYPED), recorded.toString());
    }

    @Test
    void aSubclassOfTheDeclaredTypeReplaysAsTheSubclass() {
        PremiumOffer premium = new PremiumOffer("o1", 10, new BigDecimal("2.50"));

        JsonNode recorded = codec.record(premium, declared("offer"));

        assertEquals("{\"@jobstate.typed\":[\"" + PremiumOffer.class.getName() + "\","
                + "{\"offerId\":\"o1\",\"points\":10,\"bonus\":\"2.50\"}]}", recorded.toString());
        assertReplaysAsItself(premium, codec.replay(recorded, declared("offer"), LOADER));
    }

    @Test
    void aGenericResultReplaysAsItsRuntimeClassNotAMap() {
        Object replayed = codec.replay(codec.record(new Quiz("q1", 1), declared("generic")), declared("generic"), LOADER);

        assertEquals(new Quiz("q1", 1), replayed);
    }

    @Test
    void aListOfASupertypeKeepsEachElementsClass() {
        JsonNode recorded = codec.record(List.of(new Dog("rex"), new Cat("tom", 9)), declared("animals"));

        List<?> replayed = (List<?>) codec.replay(recorded, declared("animals"), LOADER);

        assertEquals(List.of(Dog.class, Cat.class), replayed.stream().map(Object::getClass).toList());
    }

    @Test
    void aZonedDateTimeIsStoredWithItsRegionAndAnOffsetDateTimeWithItsOffset() {
        assertEquals(TextNode.valueOf("2025-09-20T10:30:00+02:00[Europe/Paris]"),
                codec.record(ZonedDateTime.parse("2025-09-20T10:30:00+02:00[Europe/Paris]"), declared("zoned")));
        assertEquals(TextNode.valueOf("2025-09-20T10:30:00+05:30"),
                codec.record(OffsetDateTime.parse("2025-09-20T10:30:00+05:30"), declared("offset")));
    }

    @Test
    void aBigDecimalIsStoredAsTextSoThatNoStateFileTurnsItIntoADouble() {
        assertEquals(TextNode.valueOf("1.50"), codec.record(new BigDecimal("1.50"), declared("amount")));
    }

    @Test
    void aNonPublicJdkListReplaysAsAnArrayListOfTheSameElements() {
        Object replayed = codec.replay(codec.record(List.of(new Quiz("q1", 1)), declared("quizzes")),
                declared("quizzes"), LOADER);

        assertReplaysAs(ArrayList.class, List.of(new Quiz("q1", 1)), replayed);
    }

    @Test
    void aMapWhoseOnlyKeyIsTheTypedMarkerIsStoredTypedSoItIsNotMistakenForOne() {
        Map<String, Integer> tricky = Map.of(ResultCodec.TYPED, 1);

        JsonNode recorded = codec.record(tricky, declared("points"));

        assertTrue(recorded.get(ResultCodec.TYPED).isArray(), recorded.toString());
        assertReplaysAsItself(tricky, codec.replay(recorded, declared("points"), LOADER));
    }

    @Test
    void resultsRecordedBeforeStillReplay() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertEquals(new BigDecimal("1.5"), codec.replay(DoubleNode.valueOf(1.5), declared("amount"), LOADER));
        assertEquals(new BigDecimal("1.50"),
                codec.replay(DecimalNode.valueOf(new BigDecimal("1.50")), declared("amount"), LOADER));
        assertEquals(ZonedDateTime.parse("2025-09-20T08:30:00Z"),
                codec.replay(TextNode.valueOf("2025-09-20T08:30:00Z"), declared("zoned"), LOADER));
        assertEquals(List.of(new Quiz("o1", 10)),
                codec.replay(json.readTree("[{\"id\":\"o1\",\"points\":10}]"), declared("quizzes"), LOADER));
        assertEquals(Map.of("k", List.of(1, 2)),
                codec.replay(json.readTree("{\"k\":[1,2]}"), declared("anything"), LOADER));
    }
}
