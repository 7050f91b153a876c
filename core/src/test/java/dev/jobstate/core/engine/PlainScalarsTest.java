package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A number, boolean or string returned as its own declared type is stored without the round trip:
 * only where the round trip would store the very same node, and the value replays as itself.
 */
class PlainScalarsTest {

    private static final ClassLoader LOADER = PlainScalarsTest.class.getClassLoader();

    private final ResultCodec codec = new ResultCodec();

    private record Returned(Object value, Type declared) {
    }

    private static final List<Returned> SCALARS = List.of(
            new Returned(0, int.class), new Returned(Integer.MIN_VALUE, int.class),
            new Returned(Integer.MAX_VALUE, Integer.class), new Returned(-1, Integer.class),
            new Returned(0L, long.class), new Returned(7L, Long.class), new Returned((long) Integer.MAX_VALUE + 1, long.class),
            new Returned((long) Integer.MIN_VALUE, Long.class), new Returned(Long.MIN_VALUE, Long.class),
            new Returned(Long.MAX_VALUE, long.class), new Returned((short) -3, short.class),
            new Returned(Short.MAX_VALUE, Short.class), new Returned((byte) -128, byte.class),
            new Returned((byte) 5, Byte.class), new Returned(true, boolean.class), new Returned(false, Boolean.class),
            new Returned("", String.class), new Returned("quiz-1", String.class),
            new Returned("\u0000\u001f\"\\\n\t/é€\u2028", String.class),
            new Returned("\u0001".repeat(PlainScalars.MAX_TEXT_CHARS), String.class));

    @Test
    void storesWhatTheRoundTripWouldAndReplaysTheValueItself() {
        for (Returned returned : SCALARS) {
            JsonNode stored = PlainScalars.stored(returned.value, returned.declared);

            assertNotNull(stored, returned.toString());
            assertEquals(codec.checked(returned.value, returned.declared), stored, returned.toString());
            assertEquals(codec.checked(returned.value, returned.declared).getClass(), stored.getClass());
            Object replayed = codec.replay(stored, returned.declared, LOADER);
            assertEquals(returned.value, replayed);
            assertEquals(returned.value.getClass(), replayed.getClass());
        }
    }

    @Test
    void leavesToTheRoundTripWhatItCannotVouchFor() {
        assertNull(PlainScalars.stored("x", Object.class), "declared Object: a String may need naming");
        assertNull(PlainScalars.stored(1, long.class), "another class than the declared one");
        assertNull(PlainScalars.stored(1, Object.class));
        assertNull(PlainScalars.stored(null, String.class));
        assertNull(PlainScalars.stored(1.5, double.class), "doubles: jsonb and NaN have their say");
        assertNull(PlainScalars.stored("\uD83D\uDE00", String.class), "surrogates: the writer's call");
        assertNull(PlainScalars.stored("x".repeat(PlainScalars.MAX_TEXT_CHARS + 1), String.class),
                "long enough that the round trip must measure it");
    }

    @Test
    void aStringWithALoneSurrogateIsStillWhateverTheRoundTripMakesOfIt() {
        String lone = "a\uD800b";

        assertNull(PlainScalars.stored(lone, String.class));
        assertEquals(codec.checked(lone, String.class), codec.record(lone, String.class));
    }

    @Test
    void aStringOverTheSizeLimitIsStillRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> codec.record("x".repeat(ResultCodec.MAX_RESULT_BYTES), String.class));
    }
}
