package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectDayJsonWriter} writes the bytes Jackson's generator writes for the same day, or
 * declines ({@link DirectDayJsonWriter.Unwritable}) and the codec writes that day through the
 * generator: either way the file is the one jobstate always wrote.
 */
class DirectDayJsonWriterTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DayKey KEY = new DayKey("user@example.com", "daily-set", LocalDate.parse("2026-03-01"));
    private static final Instant AT = Instant.parse("2026-03-01T08:00:00.125Z");

    private final StateCodec codec = new StateCodec();

    @Test
    void writesWhatTheGeneratorWritesForThousandsOfRandomDays() {
        Random random = new Random(2026);
        int direct = 0;
        int declined = 0;
        for (int i = 0; i < 4000; i++) {
            DayState day = StateCodecBytesTest.randomDay(random);
            byte[] generated = codec.encodeWhole(day, false);
            try {
                byte[] written = codec.encodeWhole(day, true);
                assertArrayEquals(generated, written, text(generated));
                direct++;
            } catch (DirectDayJsonWriter.Unwritable e) {
                declined++; // a fraction or a big number among its results
            }
            assertArrayEquals(generated, codec.encode(day), text(generated));
        }
        assertTrue(direct > 1500 && declined > 500, direct + " written directly, " + declined + " declined");
    }

    @Test
    void escapesEveryCharacterAsTheGeneratorDoes() {
        // Every UTF-16 unit, lone surrogates included, in ids, failure messages, types and accounts.
        for (int from = 0; from < 0x10000; from += 512) {
            StringBuilder text = new StringBuilder();
            for (int c = from; c < from + 512; c++) {
                text.append((char) c);
            }
            String chunk = text.toString();
            DayKey key = new DayKey(chunk, chunk, LocalDate.parse("2026-03-01"));
            DayState day = DayState.of(key, List.of(chunk, "a" + chunk), List.of(chunk + "b"), AT, Map.of(),
                    Map.of(chunk + "b", new LastFailure(chunk, chunk, AT, 2, 3)), Map.of(chunk, 5L), DayNotes.EMPTY);
            byte[] generated = codec.encodeWhole(day, false);
            assertArrayEquals(generated, codec.encodeWhole(day, true), text(generated));
        }
    }

    @Test
    void writesPlainResultsItselfAndLeavesTheRestToTheGenerator() {
        ObjectNode record = NODES.objectNode().put("offerId", "q-1").put("points", 10).put("long", 1L << 40)
                .put("done", true).putNull("none");
        record.set("short", NODES.numberNode((short) 7));
        record.putArray("tags").add("a").add(2).add(NODES.objectNode()).add(NODES.arrayNode());
        record.putObject("empty");
        Map<String, JsonNode> plain = new LinkedHashMap<>();
        plain.put("text", NODES.textNode("x\n\"y\""));
        plain.put("int", NODES.numberNode(-3));
        plain.put("record", record);
        plain.put("null", NODES.nullNode());
        DayState day = withResults(plain);
        byte[] generated = codec.encodeWhole(day, false);
        assertArrayEquals(generated, codec.encodeWhole(day, true), text(generated));

        for (JsonNode other : List.of(NODES.numberNode(1.5), NODES.numberNode(new BigDecimal("1.50")),
                NODES.pojoNode(List.of("a")), deep(DirectDayJsonWriter.MAX_DEPTH))) {
            DayState declined = withResults(Map.of("id", other));
            assertThrows(DirectDayJsonWriter.Unwritable.class, () -> codec.encodeWhole(declined, true));
            byte[] throughGenerator = codec.encodeWhole(declined, false);
            assertArrayEquals(throughGenerator, codec.encode(declined), text(throughGenerator));
        }
    }

    @Test
    void splicedCheckpointsWithResultsItDeclinesStillMatchTheWholeWrite() {
        DayState day = DayState.empty(KEY);
        EncodedDay last = codec.encode(day, null);
        List<Supplier<JsonNode>> results = List.of(() -> NODES.numberNode(7), () -> NODES.numberNode(0.25),
                () -> NODES.textNode("ok"), () -> NODES.objectNode().put("n", 1.5), () -> NODES.booleanNode(true));
        for (int i = 0; i < results.size(); i++) {
            List<String> completed = new ArrayList<>(day.completed());
            completed.add("id-" + i);
            Map<String, JsonNode> recorded = new LinkedHashMap<>(day.results());
            recorded.put("id-" + i, results.get(i).get());
            day = DayState.of(KEY, completed, List.of(), AT.plusSeconds(i), recorded, Map.of(), Map.of(),
                    DayNotes.EMPTY);
            EncodedDay next = codec.encode(day, last);
            assertArrayEquals(codec.encodeWhole(day, false), next.bytes(), text(next.bytes()));
            last = next;
        }
    }

    private static DayState withResults(Map<String, JsonNode> results) {
        return DayState.of(KEY, List.copyOf(results.keySet()), List.of(), AT, results, Map.of(), Map.of(),
                DayNotes.EMPTY);
    }

    /** Arrays nested {@code depth} deep inside the file's own two levels. */
    private static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }

    private static Supplier<String> text(byte[] file) {
        return () -> new String(file, StandardCharsets.UTF_8);
    }
}
