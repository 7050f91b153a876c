package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final DateTimeFormatter JAVA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatJavaTimeWritesAndReadsItBack() {
        Random random = new Random(20261128);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochMilli(random.nextLong(-30_610_224_000_000L, 253_402_300_799_999L));
            String text = Timestamps.format(at);
            assertEquals(JAVA_TIME.format(at), text);
            assertEquals(at, Timestamps.parse(text));
        }
    }

    @Test
    void theRangeItWritesInTwentyFourCharactersIsYears1000To9999() {
        assertEquals(Instant.parse("1000-01-01T00:00:00Z").toEpochMilli(), Timestamps.FIRST);
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(), Timestamps.LAST);
        assertEquals("0999-12-31T23:59:59.999Z", Timestamps.format(Instant.ofEpochMilli(Timestamps.FIRST - 1)));
        assertEquals("+10000-01-01T00:00:00.000Z", Timestamps.format(Instant.ofEpochMilli(Timestamps.LAST + 1)));
    }

    @Test
    void keepsMillisecondsOnly() {
        Instant at = Instant.parse("2025-09-20T10:30:00.123456789Z");
        assertEquals("2025-09-20T10:30:00.123Z", Timestamps.format(at));
        assertEquals(at.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(Timestamps.format(at)));
    }

    @Test
    void readsOtherIsoInstantsTheSlowWay() {
        assertEquals(Instant.parse("2025-09-20T10:30:00Z"), Timestamps.parse("2025-09-20T10:30:00Z"));
        assertEquals(Instant.parse("2025-09-20T10:30:00.5Z"), Timestamps.parse("2025-09-20T10:30:00.5Z"));
        assertEquals(Instant.parse("+12025-09-20T10:30:00Z"), Timestamps.parse("+12025-09-20T10:30:00Z"));
        assertEquals("+12025-09-20T10:30:00.000Z", Timestamps.format(Instant.parse("+12025-09-20T10:30:00Z")));
    }

    @Test
    void refusesWhatIsNoInstant() {
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2025-02-30T10:30:00.000Z"));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2025-09-20T24:30:00.000Z"));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2025-09-2xT10:30:00.000Z"));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("yesterday"));
    }
}
