package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackedIdsTest {

    @Test
    void holdsExactlyTheIdsGivenInTheirFirstOrder() {
        PackedIds ids = PackedIds.of(List.of("check-in", "quiz-1", "check-in", "poll"));

        assertEquals(List.of("check-in", "quiz-1", "poll"), ids.toList());
        assertEquals(3, ids.size());
        assertTrue(ids.contains("quiz-1"));
        assertFalse(ids.contains("quiz-2"));
        assertFalse(ids.contains("quiz-"), "a prefix is not the id");
        assertFalse(ids.contains("quiz-10"), "nor is a longer id");
    }

    @Test
    void addingKeepsTheOldSetAsItWasAndAddsAtTheEnd() {
        PackedIds before = PackedIds.of(List.of("a", "b"));
        PackedIds after = before.plus("c");

        assertEquals(List.of("a", "b"), before.toList());
        assertEquals(List.of("a", "b", "c"), after.toList());
        assertSame(after, after.plus("b"), "adding an id it holds changes nothing");
    }

    @Test
    void nonAsciiIdsAreTheirOwnIds() {
        PackedIds ids = PackedIds.of(List.of("café", "😀-offer", "日本"));

        assertTrue(ids.contains("café"));
        assertTrue(ids.contains("😀-offer"));
        assertTrue(ids.contains("日本"));
        assertFalse(ids.contains("cafe"));
        assertFalse(ids.contains("caf\u00e9\u0301"));
        assertFalse(ids.contains("cafés"), "an id that starts with one is another id");
        assertEquals(List.of("café", "😀-offer", "日本"), ids.toList());
    }

    @Test
    void theEmptyStringIsAnIdLikeAnyOther() {
        assertFalse(PackedIds.EMPTY.contains(""));
        assertTrue(PackedIds.of(List.of("")).contains(""));
        assertEquals(List.of("", "x"), PackedIds.of(List.of("", "x")).toList());
    }

    @Test
    void longIdsAndMoreThan64KiBOfIdsStillWork() {
        String longId = "x".repeat(300);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            many.add("offer-" + i);
        }
        many.add(longId);
        PackedIds ids = PackedIds.of(many);

        assertEquals(many.size(), ids.size());
        assertTrue(ids.contains("offer-0") && ids.contains("offer-69999") && ids.contains(longId));
        assertFalse(ids.contains("offer-70000"));
        assertEquals(many, ids.toList());
    }

    @Test
    void growingOneIdAtATimePast64KiBHoldsWhatTheWholeSetHolds() {
        List<String> many = new ArrayList<>();
        PackedIds grown = PackedIds.EMPTY;
        for (int i = 0; i < 9_000; i++) {
            String id = "quiz-offer-" + i;
            many.add(id);
            grown = grown.plus(id);
        }
        assertEquals(many, grown.toList());
        assertEquals(PackedIds.of(many).toList(), grown.toList());
        for (String id : many) {
            assertTrue(grown.contains(id), id);
        }
        assertFalse(grown.contains("quiz-offer-9000"));
    }

    @Test
    void answersAsAHashSetWouldForRandomIds() {
        Random random = new Random(20261128);
        Set<String> expected = new LinkedHashSet<>();
        PackedIds ids = PackedIds.EMPTY;
        for (int i = 0; i < 2_000; i++) {
            String id = randomId(random);
            expected.add(id);
            ids = ids.plus(id);
            String probe = randomId(random);
            assertEquals(expected.contains(probe), ids.contains(probe), probe);
        }
        assertEquals(new ArrayList<>(expected), ids.toList());
        for (String id : expected) {
            assertTrue(ids.contains(id), id);
        }
    }

    private static String randomId(Random random) {
        String alphabet = "ab-1é😀";
        StringBuilder id = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            id.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return id.toString();
    }
}
