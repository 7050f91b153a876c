package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An activity's policy on failure as read from its annotation: which backoffs parse, which failures
 * are retried, and how long each wait is.
 */
class AttemptsTest {

    static class Bot {
        @Activity(type = "t")
        void plain() {
        }

        @Activity(type = "t", maxAttempts = 3)
        void capped() {
        }

        @Activity(type = "t", retries = 10, backoff = "1s")
        void retried() {
        }

        @Activity(type = "t", retries = 10, backoff = "2m")
        void longBackoff() {
        }

        @Activity(type = "t", retries = 2, retryOn = {IOException.class, IllegalStateException.class})
        void narrowed() {
        }

        @Activity(type = "t", retries = -1)
        void negativeRetries() {
        }

        @Activity(type = "t", maxAttempts = 2, backoff = "whenever")
        void cappedWithUnusedBackoff() {
        }
    }

    private static Attempts of(String name) {
        return Attempts.of(method(Bot.class, name).getAnnotation(Activity.class));
    }

    // --- parse -----------------------------------------------------------------------------------

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("2s", Duration.ofSeconds(2)),
                Arguments.of("1m", Duration.ofMinutes(1)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("PT2S", Duration.ofSeconds(2)),
                Arguments.of("PT0.25S", Duration.ofMillis(250)),
                Arguments.of(" 2 s ", Duration.ofSeconds(2)),
                Arguments.of("10MS", Duration.ofMillis(10)),
                Arguments.of("0ms", Duration.ZERO));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void parseAcceptsANumberWithAUnitOrIso8601(String text, Duration expected) {
        assertEquals(expected, Attempts.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "2", "2 weeks", "1d", "-1s", "PT-2S", "1.5s", "s"})
    void parseRejectsAnythingElseSayingWhatIsAccepted(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attempts.parse(text));

        assertEquals("its backoff \"" + text + "\" is not a duration such as \"500ms\", \"2s\", \"1m\" or \"PT2S\"",
                e.getMessage());
    }

    // --- of --------------------------------------------------------------------------------------

    @Test
    void noCapAndNoRetriesIsNoPolicy() {
        assertSame(Attempts.NONE, of("plain"));
        assertEquals(0, Attempts.NONE.maxAttempts());
        assertFalse(Attempts.NONE.retries(new IOException(), 1));
    }

    @Test
    void aCapAloneRetriesNothingAndIgnoresTheBackoff() {
        assertEquals(3, of("capped").maxAttempts());
        assertFalse(of("capped").retries(new IOException(), 1));
        assertEquals(2, of("cappedWithUnusedBackoff").maxAttempts(), "a backoff is read only with retries");
    }

    @Test
    void negativeRetriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of("negativeRetries"));

        assertEquals("retries is -1; it must be 0 (none) or more", e.getMessage());
    }

    // --- retries ---------------------------------------------------------------------------------

    @Test
    void aFailedAttemptIsRetriedUntilRetriesAreUsedUp() {
        Attempts retried = of("retried");

        assertTrue(retried.retries(new IOException(), 1));
        assertTrue(retried.retries(new IOException(), 10), "the tenth attempt still has one retry");
        assertFalse(retried.retries(new IOException(), 11));
    }

    @Test
    void errorsAreNeverRetried() {
        assertFalse(of("retried").retries(new AssertionError(), 1));
        assertFalse(of("retried").retries(new OutOfMemoryError(), 1));
    }

    @Test
    void retryOnNarrowsToItsTypesAndTheirSubclasses() {
        Attempts narrowed = of("narrowed");

        assertTrue(narrowed.retries(new IOException(), 1));
        assertTrue(narrowed.retries(new FileNotFoundException(), 1));
        assertTrue(narrowed.retries(new IllegalStateException(), 1));
        assertFalse(narrowed.retries(new IllegalArgumentException(), 1));
        assertFalse(narrowed.retries(new UncheckedIOException(new IOException()), 1), "not the cause: the exception");
        assertFalse(narrowed.retries(new IOException(), 3));
    }

    // --- waitMillis ------------------------------------------------------------------------------

    @Test
    void theWaitDoublesWithEachAttemptAndStaysWithinHalfAndFull() {
        Attempts retried = of("retried");
        long[] full = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (int attempt = 1; attempt <= full.length; attempt++) {
            long max = full[attempt - 1];
            for (int i = 0; i < 500; i++) {
                long wait = retried.waitMillis(attempt);
                assertTrue(wait >= max / 2 && wait <= max, "attempt " + attempt + " waits " + wait);
            }
        }
    }

    @Test
    void theWaitIsAtMostAMinuteHoweverLongTheBackoffOrManyTheAttempts() {
        for (int i = 0; i < 500; i++) {
            long first = of("longBackoff").waitMillis(1);
            long late = of("retried").waitMillis(1_000);
            assertTrue(first >= 30_000 && first <= 60_000, "waits " + first);
            assertTrue(late >= 30_000 && late <= 60_000, "waits " + late);
        }
        assertEquals(Duration.ofMinutes(1), Attempts.MAX_WAIT);
    }

    @Test
    void theJitterVaries() {
        Set<Long> waits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            waits.add(of("retried").waitMillis(1));
        }
        assertTrue(waits.size() > 10, "accounts failing together do not retry together: " + waits);
    }
}
