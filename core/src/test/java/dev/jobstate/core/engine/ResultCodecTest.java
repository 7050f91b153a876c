package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultCodecTest {

    record Offer(String offerId, int points) {
    }

    private static final ClassLoader LOADER = ResultCodecTest.class.getClassLoader();

    private final ResultCodec codec = new ResultCodec();

    /** The generic return type of {@code returnsX()} below. */
    private static Type typeOf(String method) throws NoSuchMethodException {
        return ResultCodecTest.class.getDeclaredMethod(method).getGenericReturnType();
    }

    @SuppressWarnings("unused")
    private static List<Offer> offers() {
        return null;
    }

    @SuppressWarnings("unused")
    private static Optional<LocalDate> maybeDay() {
        return null;
    }

    /** {@code levels} lists, one inside the other, around a string. */
    private static Object nested(int levels) {
        Object value = "leaf";
        for (int i = 0; i < levels; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void recordsARecordByItsComponentsAndReadsItBackAsTheGenericType() throws Exception {
        JsonNode recorded = codec.record(List.of(new Offer("o1", 10)), typeOf("offers"));

        assertEquals("[{\"offerId\":\"o1\",\"points\":10}]", recorded.toString());
        assertEquals(List.of(new Offer("o1", 10)), codec.replay(recorded, typeOf("offers"), LOADER));
    }

    @Test
    void recordsJavaTimeAsTextAndOptionalByItsContent() throws Exception {
        JsonNode recorded = codec.record(Optional.of(LocalDate.parse("2025-09-20")), typeOf("maybeDay"));

        assertEquals(TextNode.valueOf("2025-09-20"), recorded);
        assertEquals(Optional.of(LocalDate.parse("2025-09-20")), codec.replay(recorded, typeOf("maybeDay"), LOADER));
    }

    @Test
    void anEmptyOptionalReadsBackAsEmptyNotNull() throws Exception {
        assertEquals(Optional.empty(), codec.replay(codec.record(Optional.empty(), typeOf("maybeDay")), typeOf("maybeDay"), LOADER));
    }

    @Test
    void aResultThatDoesNotReadAsTheTypeIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> codec.replay(TextNode.valueOf("x"), int.class, LOADER));
    }

    @Test
    void aResultThatContainsItselfCannotBeRecorded() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        Map<String, Object> map = new HashMap<>();
        map.put("self", map);

        assertThrows(IllegalArgumentException.class, () -> codec.record(loop, Object.class));
        assertThrows(IllegalArgumentException.class, () -> codec.record(map, Object.class));
    }

    @Test
    void aResultNestedUpToTheLimitIsRecordedAndADeeperOneIsNot() {
        assertNotNull(codec.record(nested(ResultCodec.MAX_RESULT_DEPTH), Object.class));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.record(nested(ResultCodec.MAX_RESULT_DEPTH + 1), Object.class));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void aResultOverTheSizeLimitIsNotRecorded() {
        assertNotNull(codec.record("x".repeat(ResultCodec.MAX_RESULT_BYTES - 2), String.class));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.record("x".repeat(ResultCodec.MAX_RESULT_BYTES), String.class));
        assertTrue(e.getMessage().contains(String.valueOf(ResultCodec.MAX_RESULT_BYTES)), e.getMessage());
    }
}
