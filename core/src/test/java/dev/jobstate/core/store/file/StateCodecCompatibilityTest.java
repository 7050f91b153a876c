package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Files across releases, since {@code runs} became partial (issue 17): the current {@link StateCodec}
 * against the previous release's, {@link MapperStateCodec} (the codec of the last landed release,
 * c87d4d9; {@code StateCodecBytesTest} holds the streaming codec to its bytes and messages).
 *
 * <ul>
 *   <li>previous reader ∘ current writer: the same day as the engine needs it (completed, remaining,
 *       results, failures, started) and everything else the file said before, except the runs of
 *       completed ids that were their one attempt, which that reader does not find;</li>
 *   <li>current reader ∘ previous writer: unchanged, the same day the previous reader read;</li>
 *   <li>current reader ∘ current writer: the same day as before, runs included (in another order).</li>
 * </ul>
 */
class StateCodecCompatibilityTest {

    private static final DayKey KEY = new DayKey("user@example.com", "daily-set", LocalDate.parse("2026-03-01"));
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.000Z");

    private final StateCodec current = new StateCodec();
    private final MapperStateCodec released = new MapperStateCodec();

    @Test
    void thePreviousReaderFindsWhatTheEngineNeedsInFilesWrittenNow() throws Exception {
        for (DayState day : days()) {
            DayState read = released.decode(day.key(), current.encode(day));
            DayState before = released.decode(day.key(), released.encode(day));
            assertEquals(before.completed(), read.completed());
            assertEquals(before.remaining(), read.remaining());
            assertEquals(before.results(), read.results());
            assertEquals(before.failures(), read.failures());
            assertEquals(before.notes().started(), read.notes().started());
            assertEquals(before.notes().revoked(), read.notes().revoked());
            assertEquals(before.notes().resetAt(), read.notes().resetAt());
            assertEquals(before.durations(), read.durations());
            assertEquals(before.lastUpdate(), read.lastUpdate());
            Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>(before.notes().runs());
            runs.entrySet().removeIf(e -> e.getValue().attempts() == 1 && before.isCompleted(e.getKey()));
            assertEquals(runs, read.notes().runs(), "runs it finds: all but completed ids' one attempts");
        }
    }

    @Test
    void filesWrittenByThePreviousReleaseReadAsTheyDid() throws Exception {
        for (DayState day : days()) {
            byte[] old = released.encode(day);
            assertEquals(text(released.encode(released.decode(day.key(), old))),
                    text(released.encode(current.decode(day.key(), old))));
        }
    }

    @Test
    void filesWrittenNowReadBackAsTheDayThePreviousReleaseWrote() throws Exception {
        for (DayState day : days()) {
            DayState before = released.decode(day.key(), released.encode(day));
            DayState now = current.decode(day.key(), current.encode(day));
            assertEquals(text(released.encode(StateCodecBytesTest.runsSorted(before))),
                    text(released.encode(StateCodecBytesTest.runsSorted(now))));
            // and a second write of what was read is the same file: nothing drifts from write to write
            assertEquals(text(current.encode(now)), text(current.encode(current.decode(day.key(), current.encode(now)))));
        }
    }

    @Test
    void aDayOfFirstTriesHasNoRunsAndATwoFifthsFewerBytes() throws Exception {
        DayState day = DayState.empty(KEY);
        for (int i = 0; i < 1000; i++) {
            day = new Mutation.Completed("item-" + i, T0.plusMillis(1000L * i + 400), 400,
                    JsonNodeFactory.instance.numberNode(i % 97)).applyTo(day);
        }
        byte[] now = current.encode(day);
        byte[] before = released.encode(day);
        String text = text(now);
        assertFalse(text.contains("\"runs\""), "no runs: every id completed in its one attempt");
        assertTrue(text.contains("\"startMillis\": {\n    \"item-0\": " + T0.toEpochMilli() + ",\n"), text);
        assertTrue(now.length < before.length * 0.65, now.length + " bytes against " + before.length);
        assertEquals(day.notes().runs(), current.decode(KEY, now).notes().runs());
    }

    @Test
    void aRunThatSaysMoreStaysInRuns() throws Exception {
        DayState day = DayState.empty(KEY);
        day = new Mutation.Failed("retried", T0, "java.io.IOException", "timeout", 100).applyTo(day);
        day = new Mutation.Completed("retried", T0.plusSeconds(5), 200, null).applyTo(day);
        day = new Mutation.Failed("failing", T0.plusSeconds(6), "java.io.IOException", "down", 100).applyTo(day);
        day = new Mutation.Completed("once", T0.plusSeconds(7), 300, null).applyTo(day);
        day = new Mutation.Completed("once", T0.plusSeconds(8), 300, null).applyTo(day); // a second process
        day = new Mutation.Completed("first", T0.plusSeconds(9), 300, null).applyTo(day);
        DayState read = released.decode(KEY, current.encode(day));
        assertEquals(List.of("retried", "failing", "once"), List.copyOf(read.notes().runs().keySet()));
        assertEquals(2, read.notes().runs().get("retried").attempts());
        assertEquals(2, read.notes().runs().get("once").attempts());
        assertEquals(new DayNotes.RunInfo(T0.plusSeconds(9).minusMillis(300), 1),
                current.decode(KEY, current.encode(day)).notes().runs().get("first"));
    }

    @Test
    void startMillisIsReadLenientlyLikeTheOtherExtras() throws Exception {
        String file = "{\"completed\": [\"a\", \"b\", \"c\", \"d\"], \"runs\": {\"d\": {\"lastStart\": "
                + "\"2026-03-01T08:00:00.000Z\", \"attempts\": 3}}, \"startMillis\": {\"a\": 1772352000000, "
                + "\"b\": \"soon\", \"c\": 1.5, \"d\": 1772352000000, \"e\": 99999999999999999}}";
        DayState day = current.decode(KEY, file.getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("a", new DayNotes.RunInfo(Instant.ofEpochMilli(1772352000000L), 1),
                "d", new DayNotes.RunInfo(T0, 3)), day.notes().runs());
        String notAnObject = "{\"completed\": [], \"startMillis\": [1]}";
        try {
            current.decode(KEY, notAnObject.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("a startMillis that is not an object is a file of the wrong shape");
        } catch (CorruptStateException expected) {
            assertEquals("\"startMillis\" is not an object", expected.getMessage());
        }
    }

    /** Random days of every shape, and days built the way the engine builds them, by mutations. */
    private static List<DayState> days() {
        List<DayState> days = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 1500; i++) {
            days.add(StateCodecBytesTest.randomDay(random));
        }
        for (int i = 0; i < 500; i++) {
            DayState day = random.nextInt(10) == 0 ? DayState.reset(KEY, T0) : DayState.empty(KEY);
            Instant at = T0;
            for (int k = random.nextInt(40); k > 0; k--) {
                at = at.plusMillis(random.nextInt(5000) + (random.nextBoolean() ? 0 : random.nextInt(1000) * 1_000_000L
                        % 1000));
                String id = "quiz-" + random.nextInt(12);
                JsonNode result = random.nextBoolean() ? null : JsonNodeFactory.instance.numberNode(random.nextInt(50));
                Mutation change = switch (random.nextInt(8)) {
                    case 0, 1, 2, 3 -> new Mutation.Completed(id, at, random.nextInt(2000), result);
                    case 4, 5 -> new Mutation.Failed(id, at, "java.io.IOException", "timeout", random.nextInt(2000),
                            random.nextInt(3));
                    case 6 -> random.nextBoolean() ? new Mutation.Started(id, at) : new Mutation.Marked(id, at);
                    default -> new Mutation.Unmarked(id, at);
                };
                day = change.applyTo(day);
            }
            days.add(day);
        }
        return days;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
