package dev.jobstate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.InDoubtException;
import dev.jobstate.JobState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The harness's promises beyond the sample bot: once, code activities, kills on every thread, day starts. */
@JobStateTest
class HarnessSemanticsTest {

    static final AtomicInteger PAID = new AtomicInteger();

    static class Payments {
        @Activity(type = "pay", id = "{1}", once = true)
        String pay(@Account String account, String invoice) {
            PAID.incrementAndGet();
            return "paid " + invoice;
        }

        @Activity(type = "mail")
        String mail(@Account String account) {
            return "sent";
        }
    }

    @Test
    void aOnceActivityKilledAsItStartsIsInDoubtNextRunAndDoesNotRunAgain(BotRuns runs) {
        PAID.set(0);
        Payments payments = new Payments();
        RunReport killed = runs.crashAt(1).run(() -> payments.pay("ann", "inv-1"));
        assertEquals(List.of("pay/inv-1"), killed.named(Call.Outcome.KILLED));

        RunReport next = runs.run(() -> assertThrows(InDoubtException.class, () -> payments.pay("ann", "inv-1")));
        assertEquals(List.of("pay/inv-1"), next.named(Call.Outcome.IN_DOUBT));
        assertEquals(0, PAID.get(), "never paid: the kill came before the body, and in doubt does not run it");
    }

    @Test
    void afterAKillEveryLaterActivityOnAnyThreadThrowsTheKillAndNothingIsSaved(BotRuns runs) {
        Payments payments = new Payments();
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        RunReport killed = runs.crashAfter(1).run(() -> {
            try {
                payments.mail("ann");
            } catch (Throwable caughtByABotThatCatchesEverything) {
                seen.add(caughtByABotThatCatchesEverything);
            }
            Thread other = new Thread(() -> {
                try {
                    payments.mail("bob");
                } catch (Throwable t) {
                    seen.add(t);
                }
            });
            other.start();
            other.join();
        });
        assertTrue(killed.killed());
        assertEquals(2, seen.size());
        seen.forEach(t -> assertTrue(t instanceof SimulatedKill, String.valueOf(t)));
        assertEquals(List.of(), runs.completed("ann", "mail"));
        assertEquals(List.of(), runs.completed("bob", "mail"));
    }

    @Test
    void codeActivitiesAreRunAndSkippedLikeAnnotatedOnes(BotRuns runs) {
        AtomicInteger ran = new AtomicInteger();
        JobState.Body<String, RuntimeException> claim = () -> "claimed " + ran.incrementAndGet();
        RunReport first = runs.run(() -> JobState.activity("ann", "claim", "c1", claim));
        RunReport second = runs.run(() -> JobState.activity("ann", "claim", "c1", claim));
        assertEquals(List.of("claim/c1"), first.ran());
        assertEquals("claimed 1", second.replayed("claim", "c1"));
        assertEquals(1, ran.get());
    }

    /** A settings file gives the runs their day: Paris, starting at 04:00. */
    @Nested
    @JobStateTest(config = "src/test/resources/day-starts-at-4.json", start = "2030-01-15T01:30:00Z")
    class DayStartsAtFour {

        @Test
        void beforeFourInParisIsStillYesterday(BotRuns runs) {
            Payments payments = new Payments();
            runs.run(() -> payments.mail("ann"));                       // 02:30 in Paris: the 14th's day
            runs.clock().set(Instant.parse("2030-01-15T02:59:00Z")); // 03:59: still the 14th's
            assertEquals(List.of("sent"), List.of(runs.run(() -> payments.mail("ann")).replayed("mail", "mail")));
            runs.clock().set(Instant.parse("2030-01-15T03:00:00Z")); // 04:00: the 15th begins
            assertEquals(List.of("mail/mail"), runs.run(() -> payments.mail("ann")).ran());
        }
    }
}
