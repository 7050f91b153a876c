package dev.jobstate.agent.it;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    static ZoneId noonZone(Instant now) {
        int utcHour = now.atOffset(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        // Etc/GMT ids carry the POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
        return ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
    }
}
