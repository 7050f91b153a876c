package dev.jobstate.agent.it;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time zones for tests that must know which date the child JVM will use. */
final class Zones {

    /**
     * An IANA zone ({@code Etc/GMT-5} is UTC+5) where it is about noon now, so the date cannot change
     * while the tests run. Child JVMs get it as {@code TZ} unless a test sets its own.
     */
    static final ZoneId NOON = noonZone(Instant.now());

    private Zones() {
    }

    static LocalDate today() {
        return LocalDate.now(NOON);
    }

    /**
     * {@code localTime} on {@code date} in {@link #NOON}. Fixtures stamp activities with it: "08:00"
     * today is about four hours ago whatever the hour in UTC, never in the future.
     */
    static Instant at(LocalDate date, String localTime) {
        return LocalDateTime.of(date, LocalTime.parse(localTime)).atZone(NOON).toInstant();
    }

    /** {@code at} as state files and {@code status --json} write instants: UTC with milliseconds. */
    static String utc(Instant at) {
        return UTC_MILLIS.format(at);
    }

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static ZoneId noonZone(Instant now) {
        int utcHour = now.atOffset(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        // Etc/GMT ids carry the POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
        return ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
    }
}
