package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DayKeyTest {

    private static final LocalDate DAY = LocalDate.of(2025, 9, 20);

    @Test
    void keysOfTheSameAccountTypeAndDateAreEqualWithEqualHashes() {
        DayKey key = new DayKey("user@email.com", "daily-set", DAY);
        DayKey same = new DayKey(new String("user@email.com"), new String("daily-set"), LocalDate.parse("2025-09-20"));

        assertEquals(key, same);
        assertEquals(key.hashCode(), same.hashCode());
    }

    @Test
    void anyComponentThatDiffersMakesAnotherKey() {
        DayKey key = new DayKey("a", "daily-set", DAY);

        assertNotEquals(key, new DayKey("b", "daily-set", DAY));
        assertNotEquals(key, new DayKey("a", "search", DAY));
        assertNotEquals(key, new DayKey("a", "daily-set", DAY.plusDays(1)));
        assertNotEquals(key, "a/daily-set/2025-09-20");
        assertNotEquals(key, null);
    }

    @Test
    void theAccountAndTypeAreNotSwappable() {
        assertNotEquals(new DayKey("x", "y", DAY), new DayKey("y", "x", DAY));
        assertNotEquals(new DayKey("x", "y", DAY).hashCode(), new DayKey("y", "x", DAY).hashCode());
    }

    @Test
    void everyComponentIsRequired() {
        assertThrows(NullPointerException.class, () -> new DayKey(null, "t", DAY));
        assertThrows(NullPointerException.class, () -> new DayKey("a", null, DAY));
        assertThrows(NullPointerException.class, () -> new DayKey("a", "t", null));
    }
}
