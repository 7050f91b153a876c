package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When a replayed value counts as the value that was recorded. */
class FaithfulCheckTest {

    /** Equal by id only, as entities often are: a replay with other points is not the same value. */
    static class Offer {
        private final String id;
        private int points;

        Offer(String id, int points) {
            this.id = id;
            this.points = points;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Offer other && other.id.equals(id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id);
        }
    }

    static class Bean {
        private List<Object> values = new ArrayList<>();
        private transient String note;
    }

    private static Difference difference(Object original, Object replayed) {
        return FaithfulCheck.difference(original, replayed);
    }

    @Test
    void classesAreComparedFieldByFieldWhateverTheirEqualsSays() {
        Difference d = difference(new Offer("o1", 10), new Offer("o1", 0));

        assertNotNull(d);
        assertEquals("at points it replays as 0, not 10", d.toString());
    }

    @Test
    void beansWithoutEqualsAreTheSameWhenTheirFieldsAre() {
        Bean a = new Bean();
        a.values.add("x");
        Bean b = new Bean();
        b.values.add("x");

        assertNull(difference(a, b));
    }

    @Test
    void transientFieldsAreStateToo() {
        Bean a = new Bean();
        a.note = "cached";

        assertEquals("at note it replays as null, not \"cached\"", difference(a, new Bean()).toString());
    }

    @Test
    void anIntegerIsNotALongNorADoubleEvenWhenTheNumberIsTheSame() {
        assertTrue(difference(List.of(1), List.of(1L)).ofClass());
        assertTrue(difference(1.0, 1.0f).ofClass());
    }

    @Test
    void jdkValuesAreComparedByTheirExactEquals() {
        assertNotNull(difference(new BigDecimal("1.50"), new BigDecimal("1.5")));
        ZonedDateTime paris = ZonedDateTime.parse("2025-09-20T10:30:00+02:00[Europe/Paris]");
        assertNotNull(difference(paris, paris.withZoneSameInstant(ZoneOffset.ofHours(2))));
        assertNull(difference(Double.NaN, Double.NaN));
        assertNotNull(difference(0.0, -0.0));
    }

    @Test
    void aHashSetMatchesItsElementsWhateverOrderTheyIterateIn() {
        Set<Integer> grown = new HashSet<>(IntStream.range(0, 1000).boxed().toList());
        grown.removeIf(i -> i != 1 && i != 16);
        Set<Integer> fresh = new HashSet<>(List.of(16, 1));

        assertFalse(List.copyOf(grown).equals(List.copyOf(fresh)), "the test needs two iteration orders");
        assertNull(difference(grown, fresh));
    }

    @Test
    void aLinkedHashMapMustKeepItsOrder() {
        Map<String, Integer> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);

        assertNotNull(difference(ab, ba));
    }

    @Test
    void aNonPublicJdkCollectionMayReplayAsThePublicClassItsInterfaceReplaysAs() {
        assertNull(difference(List.of("a"), new ArrayList<>(List.of("a"))));
        assertNull(difference(Map.of("a", 1), new HashMap<>(Map.of("a", 1))));
        assertTrue(difference(List.of("a"), new LinkedList<>(List.of("a"))).ofClass());
    }

    @Test
    void aDifferenceSaysWhereItIs() {
        Map<String, Object> original = Map.of("offers", List.of(Optional.of(new Offer("o1", 10))));
        Map<String, Object> replayed = Map.of("offers", List.of(Optional.of(new Offer("o1", 11))));

        assertEquals("at [\"offers\"][0].get().points it replays as 11, not 10",
                difference(original, replayed).toString());
    }
}
