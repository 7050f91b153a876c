package dev.jobstate.cli.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table's times, written out by hand, are what a formatter gives in every zone. */
class StatusTextTimeTest {

    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHoursMinutesSeconds(-9, -30, -15), ZoneId.of("Europe/Amsterdam"),
            ZoneId.of("America/New_York"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Australia/Lord_Howe"));

    private static final List<Instant> INSTANTS = List.of(Instant.EPOCH, Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2025-03-30T00:59:59Z"),
            Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-11-02T05:59:59.5Z"),
            Instant.parse("2025-11-02T06:00:00Z"), Instant.parse("2026-12-01T23:59:59Z"));

    @Test
    void eachTimeIsWhatAFormatterGives() {
        for (ZoneId zone : ZONES) {
            for (Instant at : INSTANTS) {
                for (long step = 0; step < 86_400; step += 977) {
                    Instant when = at.plusSeconds(step);
                    assertEquals(FORMATTER.format(when.atZone(zone)), StatusText.time(when, zone), when + " " + zone);
                }
            }
        }
    }

    @Test
    void noTimeIsADash() {
        assertEquals("-", StatusText.time(null, ZoneOffset.UTC));
    }
}
