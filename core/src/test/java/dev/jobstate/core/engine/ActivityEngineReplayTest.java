package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.call;
import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.scope;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs of a bot against real state files: what a run completes, the next run skips, replaying the
 * recorded result as the method's generic return type.
 */
@ExtendWith(CleanThreadContext.class)
class ActivityEngineReplayTest {

    record Offer(String offerId, int points) {
    }

    enum Status { DONE, PARTIAL }

    public static class Totals {
        private int points;
        private List<String> ids = new ArrayList<>();

        public int getPoints() {
            return points;
        }

        public void setPoints(int points) {
            this.points = points;
        }

        public List<String> getIds() {
            return ids;
        }

        public void setIds(List<String> ids) {
            this.ids = ids;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Totals t && t.points == points && t.ids.equals(ids);
        }

        @Override
        public int hashCode() {
            return points;
        }
    }

    /** Bodies are supplied by the tests; these declarations give the sites their return types. */
    static class Bot {
        @Activity(type = "daily-set")
        List<Offer> offers() {
            return null;
        }

        @Activity(type = "daily-set")
        Map<String, Integer> points() {
            return null;
        }

        @Activity(type = "daily-set")
        Map<String, List<Offer>> offersByDay() {
            return null;
        }

        @Activity(type = "daily-set")
        Optional<String> maybe() {
            return null;
        }

        @Activity(type = "daily-set")
        Optional<Offer> maybeOffer() {
            return null;
        }

        @Activity(type = "daily-set")
        LocalDate day() {
            return null;
        }

        @Activity(type = "daily-set")
        Instant when() {
            return null;
        }

        @Activity(type = "daily-set")
        int count() {
            return 0;
        }

        @Activity(type = "daily-set")
        Integer boxedCount() {
            return 0;
        }

        @Activity(type = "daily-set")
        boolean done() {
            return false;
        }

        @Activity(type = "daily-set")
        long big() {
            return 0;
        }

        @Activity(type = "daily-set")
        String text() {
            return null;
        }

        @Activity(type = "daily-set")
        Status status() {
            return null;
        }

        @Activity(type = "daily-set")
        Totals totals() {
            return null;
        }

        @Activity(type = "daily-set")
        Offer offer() {
            return null;
        }

        @Activity(type = "daily-set")
        Object untyped() {
            return null;
        }

        @Activity(type = "daily-set")
        int[] numbers() {
            return null;
        }

        @Activity(type = "daily-set")
        <T> T generic() {
            return null;
        }

        @Activity(type = "daily-set")
        ZonedDateTime zoned() {
            return null;
        }

        @Activity(type = "daily-set")
        BigDecimal amount() {
            return null;
        }

        @Activity(type = "daily-set", id = "quiz-{0.offerId}")
        int quiz(Offer offer) {
            return 0;
        }

        @Activity(type = "daily-set", id = "check-in")
        void checkIn() {
        }

        void runFor(@Account String account) {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");

    @TempDir
    Path stateDir;

    private final AtomicInteger runs = new AtomicInteger();

    /** A fresh engine and store on the same state dir, as a new run of the bot would have. */
    private ActivityEngine newRun(ZoneId zone, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new ActivityEngine(config(zone, "user@email.com"),
                new FileStateStore(stateDir, clock, new PersistenceHealth()), clock);
    }

    private ActivityEngine newRun() {
        return newRun(ZoneOffset.UTC, NOW);
    }

    private Object run(ActivityEngine engine, String method, Callable<?> body, Object... args) throws Exception {
        return call(engine, site(Bot.class, method), new Bot(), args, runs, body);
    }

    private JsonNode stateFile(String account, String type, String date) throws IOException {
        return new ObjectMapper().readTree(stateDir.resolve(account).resolve(type + "-" + date + ".json").toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.textValue()));
        return texts;
    }

    private static List<String> texts(Iterator<String> names) {
        List<String> texts = new ArrayList<>();
        names.forEachRemaining(texts::add);
        return texts;
    }

    static Stream<Arguments> results() {
        Totals totals = new Totals();
        totals.setPoints(30);
        totals.setIds(List.of("quiz-1", "poll-1"));
        Map<String, Integer> points = new LinkedHashMap<>();
        points.put("quiz-1", 10);
        points.put("poll-1", 5);
        return Stream.of(
                Arguments.of("offers", List.of(new Offer("o1", 10), new Offer("o2", 20))),
                Arguments.of("points", points),
                Arguments.of("offersByDay", Map.of("mon", List.of(new Offer("o3", 3)), "tue", List.of())),
                Arguments.of("maybe", Optional.of("found")),
                Arguments.of("maybe", Optional.empty()),
                Arguments.of("maybeOffer", Optional.of(new Offer("o4", 4))),
                Arguments.of("day", LocalDate.parse("2025-09-20")),
                Arguments.of("when", Instant.parse("2025-09-20T10:30:00.123Z")),
                Arguments.of("count", 42),
                Arguments.of("count", 0),
                Arguments.of("boxedCount", 7),
                Arguments.of("done", true),
                Arguments.of("big", Long.MAX_VALUE),
                Arguments.of("text", "héllo \"world\""),
                Arguments.of("status", Status.PARTIAL),
                Arguments.of("totals", totals),
                Arguments.of("offer", new Offer("o5", 5)),
                Arguments.of("untyped", Map.of("k", List.of(1, 2))),
                Arguments.of("untyped", new Offer("o6", 6)),
                Arguments.of("untyped", 6L),
                Arguments.of("generic", List.of(new Offer("o7", 7))),
                Arguments.of("generic", Optional.of(Status.DONE)),
                Arguments.of("zoned", ZonedDateTime.parse("2025-09-20T10:30:00.5+02:00[Europe/Paris]")),
                Arguments.of("amount", new BigDecimal("1.50")));
    }

    @ParameterizedTest(name = "{0} returns {1}")
    @MethodSource("results")
    void skipsACompletedActivityAndReplaysItsResultAsTheGenericReturnType(String method, Object result)
            throws Exception {
        Object first = run(newRun(), method, () -> result);
        Object replayed = run(newRun(), method, () -> {
            throw new AssertionError("the body of a completed activity ran again");
        });

        assertEquals(1, runs.get());
        assertSame(result, first);
        assertEquals(result, replayed);
    }

    @Test
    void replaysAListOfRecordsAsRecordsNotMaps() throws Exception {
        run(newRun(), "offers", () -> List.of(new Offer("o1", 10)));

        Object replayed = run(newRun(), "offers", () -> null);

        assertEquals(Offer.class, ((List<?>) replayed).get(0).getClass());
    }

    @Test
    void aMethodDeclaredObjectReplaysTheClassItReturnedFromTheStateFile() throws Exception {
        run(newRun(), "untyped", () -> new Offer("o1", 10));

        JsonNode stored = stateFile("user@email.com", "daily-set", "2025-09-20").get("results").get("untyped");
        assertEquals(List.of(ResultCodec.TYPED), texts(stored.fieldNames()));
        assertEquals(new Offer("o1", 10), run(newRun(), "untyped", () -> null));
    }

    @Test
    void replaysAnArray() throws Exception {
        run(newRun(), "numbers", () -> new int[] {3, 1, 2});

        assertArrayEquals(new int[] {3, 1, 2}, (int[]) run(newRun(), "numbers", () -> null));
        assertEquals(1, runs.get());
    }

    @Test
    void aRecordedNullStillSkipsTheBody() throws Exception {
        assertNull(run(newRun(), "text", () -> null));

        assertNull(run(newRun(), "text", () -> "should not run"));
        assertEquals(1, runs.get());
    }

    @Test
    void aCallWhoseRecordedResultNoLongerReadsBackRunsAgainRatherThanReturnAnotherValue() throws Exception {
        run(newRun(), "count", () -> 5);
        Path file = stateDir.resolve("user@email.com").resolve("daily-set-2025-09-20.json");
        Files.writeString(file, Files.readString(file).replace("\"count\": 5", "\"count\": \"five\""));

        assertEquals(99, run(newRun(), "count", () -> 99));
        assertEquals(2, runs.get());
    }

    @Test
    void aSuccessIsInTheStateFileBeforeTheCallReturns() throws Exception {
        ActivityEngine engine = newRun();
        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1", 10)});

        engine.exit(token, 10, null);

        JsonNode file = stateFile("user@email.com", "daily-set", "2025-09-20");
        assertEquals(List.of("quiz-o1"), texts(file.get("completed")));
        assertEquals(List.of(), texts(file.get("remaining")));
        assertEquals("2025-09-20", file.get("date").textValue());
        assertEquals("user@email.com", file.get("account").textValue());
        assertEquals("daily-set", file.get("type").textValue());
        assertEquals("2025-09-20T10:30:00.000Z", file.get("lastUpdate").textValue());
        assertEquals(10, file.get("results").get("quiz-o1").intValue());
    }

    @Test
    void eachIdOfATemplateIsItsOwnActivity() throws Exception {
        run(newRun(), "quiz", () -> 1, new Offer("o1", 0));
        ActivityEngine next = newRun();

        assertEquals(1, run(next, "quiz", () -> -1, new Offer("o1", 0)));
        assertEquals(2, run(next, "quiz", () -> 2, new Offer("o2", 0)));
        assertEquals(2, runs.get());
        assertEquals(List.of("quiz-o1", "quiz-o2"),
                texts(stateFile("user@email.com", "daily-set", "2025-09-20").get("completed")));
    }

    @Test
    void aFailureIsRecordedAndRetriedOnTheNextRunUntilItSucceeds() throws Exception {
        Callable<Object> failing = () -> {
            throw new IOException("network down");
        };

        IOException thrown = assertThrows(IOException.class, () -> run(newRun(), "checkIn", failing));
        assertEquals("network down", thrown.getMessage());
        assertThrows(IOException.class, () -> run(newRun(), "checkIn", failing));

        JsonNode afterFailures = stateFile("user@email.com", "daily-set", "2025-09-20");
        assertEquals(List.of(), texts(afterFailures.get("completed")));
        assertEquals(List.of("check-in"), texts(afterFailures.get("remaining")));
        JsonNode failure = afterFailures.get("failures").get("check-in");
        assertEquals("java.io.IOException", failure.get("exception").textValue());
        assertEquals("network down", failure.get("message").textValue());
        assertEquals(2, failure.get("attempts").intValue());

        run(newRun(), "checkIn", () -> null);
        run(newRun(), "checkIn", () -> null);

        assertEquals(3, runs.get());
        JsonNode afterSuccess = stateFile("user@email.com", "daily-set", "2025-09-20");
        assertEquals(List.of("check-in"), texts(afterSuccess.get("completed")));
        assertEquals(List.of(), texts(afterSuccess.get("remaining")));
    }

    @Test
    void aResultThatCannotBeRecordedIsNotRecordedAsDoneSoTheCallRunsAgain() throws Exception {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);

        assertSame(loop, run(newRun(), "untyped", () -> loop));

        assertEquals("ran again", run(newRun(), "untyped", () -> "ran again"));
        assertEquals(2, runs.get());
    }

    @Test
    void aDeeplyNestedResultNeverMakesTheStateFileUnreadable() throws Exception {
        Object deep = List.of();
        for (int i = 0; i < 300; i++) {
            deep = List.of(deep);
        }
        Object result = deep;
        run(newRun(), "checkIn", () -> null);
        run(newRun(), "untyped", () -> result);

        run(newRun(), "checkIn", () -> null);
        run(newRun(), "untyped", () -> "runs again: its result was not recorded");

        assertEquals(3, runs.get());
        try (Stream<Path> files = Files.list(stateDir.resolve("user@email.com"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".corrupt-")),
                    "the state file was found corrupt and put aside");
        }
    }

    @Test
    void theAccountOfTheEnclosingScopeNamesTheFolder() throws Exception {
        ActivityEngine engine = newRun();
        int depth = engine.openScope(scope(Bot.class, "runFor"), new Object[] {"other@example.com"});
        try {
            run(engine, "checkIn", () -> null);
        } finally {
            engine.closeScope(depth);
        }
        run(engine, "checkIn", () -> null);

        assertEquals(List.of("check-in"), texts(stateFile("other@example.com", "daily-set", "2025-09-20").get("completed")));
        assertEquals(List.of("check-in"), texts(stateFile("user@email.com", "daily-set", "2025-09-20").get("completed")));
        assertEquals(2, runs.get());
    }

    @Test
    void twoTimeZonesGiveTwoDatesAndTwoFilesForOneInstant() throws Exception {
        Instant lateEvening = Instant.parse("2025-09-20T23:30:00Z");

        run(newRun(ZoneId.of("UTC"), lateEvening), "checkIn", () -> null);
        run(newRun(ZoneId.of("Asia/Tokyo"), lateEvening), "checkIn", () -> null);

        assertEquals(2, runs.get());
        assertEquals("2025-09-20", stateFile("user@email.com", "daily-set", "2025-09-20").get("date").textValue());
        assertEquals("2025-09-21", stateFile("user@email.com", "daily-set", "2025-09-21").get("date").textValue());
    }

    @Test
    void aNewDayStartsFreshAndLeavesYesterdaysFileAlone() throws Exception {
        run(newRun(ZoneOffset.UTC, NOW), "checkIn", () -> null);
        Path yesterday = stateDir.resolve("user@email.com").resolve("daily-set-2025-09-20.json");
        byte[] before = Files.readAllBytes(yesterday);

        run(newRun(ZoneOffset.UTC, NOW.plusSeconds(24 * 3600)), "checkIn", () -> null);

        assertEquals(2, runs.get());
        assertArrayEquals(before, Files.readAllBytes(yesterday));
        assertEquals(List.of("check-in"), texts(stateFile("user@email.com", "daily-set", "2025-09-21").get("completed")));
    }

    @Test
    void theStoreWritesTheFileTheKeyNames() {
        FileStateStore store = new FileStateStore(stateDir, Clock.fixed(NOW, ZoneOffset.UTC), new PersistenceHealth());

        assertEquals(stateDir.resolve("user@email.com").resolve("daily-set-2025-09-20.json"),
                store.fileOf(new DayKey("user@email.com", "daily-set", LocalDate.parse("2025-09-20"))));
    }
}
