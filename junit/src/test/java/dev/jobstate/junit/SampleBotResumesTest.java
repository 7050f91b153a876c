package dev.jobstate.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.samples.Profile;
import dev.jobstate.samples.RewardsBot;
import dev.jobstate.samples.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extension on the sample bot, as a bot author would use it: run the bot, kill it at its Nth
 * activity, run it again, and see what ran, what was skipped and what came back.
 */
@JobStateTest
class SampleBotResumesTest {

    private static final Profile ALICE = new Profile("alice@example.com");
    /** The sample bot's day: 20 activities in this order. */
    private static final List<String> FIRST_FIVE = List.of("daily-set/daily-check-in", "daily-set/quiz-q1",
            "daily-set/quiz-q2", "daily-set/quiz-q3", "daily-set/poll-p1");
    private static final int ACTIVITIES = 20;

    private static void aliceDay() {
        new RewardsBot(Set.of(), Set.of()).runFor(ALICE);
    }

    @Test
    void aRunKilledAtItsFifthActivityIsResumedThereAndWhatCompletedIsReplayed(BotRuns runs) {
        RunReport killed = runs.crashAt(5).run(SampleBotResumesTest::aliceDay);
        assertTrue(killed.killed());
        assertEquals(FIRST_FIVE.subList(0, 4), killed.ran());
        assertEquals(List.of(FIRST_FIVE.get(4)), killed.named(Call.Outcome.KILLED));
        assertEquals(4, runs.completed(ALICE.email(), "daily-set").size());

        RunReport resumed = runs.run(SampleBotResumesTest::aliceDay);
        assertFalse(resumed.killed());
        assertNull(resumed.thrown());
        assertEquals(FIRST_FIVE.subList(0, 4), resumed.skipped());
        assertEquals(10, resumed.replayed("daily-set", "quiz-q1"), "a skipped quiz returns the points it earned");
        assertEquals(FIRST_FIVE.get(4), resumed.ran().get(0), "the killed activity runs first");
        assertEquals(ACTIVITIES - 4, resumed.ran().size());

        RunReport again = runs.run(SampleBotResumesTest::aliceDay);
        assertEquals(List.of(), again.ran());
        assertEquals(ACTIVITIES, again.skipped().size());
        assertEquals(new SearchResult("weather tomorrow", 3), again.replayed("desktop-search", "search-1"));
    }

    @Test
    void killedAfterItsBodyButBeforeItsCheckpointTheActivityRunsAgain(BotRuns runs) {
        RunReport killed = runs.crashAfter(2).run(SampleBotResumesTest::aliceDay);
        assertTrue(killed.killed());
        assertEquals(FIRST_FIVE.subList(0, 2), killed.ran(), "both bodies ran");
        assertEquals(List.of("daily-check-in"), runs.completed(ALICE.email(), "daily-set"),
                "the second one's outcome was never saved");

        RunReport resumed = runs.run(SampleBotResumesTest::aliceDay);
        assertEquals(List.of(FIRST_FIVE.get(0)), resumed.skipped());
        assertEquals(FIRST_FIVE.get(1), resumed.ran().get(0), "work done but not saved runs again: at least once");
    }

    @Test
    void aKilledRunLeavesItsJournalAsADeadProcessDoesAndACleanOneLeavesNothing(BotRuns runs) throws IOException {
        runs.run(() -> new RewardsBot(Set.of(), Set.of()).runFor(new Profile("bob@example.com")));
        assertFalse(Files.exists(runs.stateDir().resolve(".runs")), "a run that ended cleanly removes its journal");

        runs.crashAt(1).run(SampleBotResumesTest::aliceDay);
        try (Stream<Path> journals = Files.list(runs.stateDir().resolve(".runs"))) {
            assertEquals(1, journals.count(), "the killed run's journal stays, for status to count it interrupted");
        }
    }

    @Test
    void theNextDayEverythingRunsAgain(BotRuns runs) {
        runs.run(SampleBotResumesTest::aliceDay);
        runs.clock().advance(Duration.ofDays(1));
        RunReport tomorrow = runs.run(SampleBotResumesTest::aliceDay);
        assertEquals(List.of(), tomorrow.skipped());
        assertEquals(ACTIVITIES, tomorrow.ran().size());
    }

    @Test
    void whatTheBotThrowsIsReportedNotThrown(BotRuns runs) {
        IllegalStateException broken = new IllegalStateException("the bot's own bug");
        RunReport report = runs.run(() -> {
            throw broken;
        });
        assertFalse(report.killed());
        assertInstanceOf(IllegalStateException.class, report.thrown());
        assertEquals(List.of(), report.calls());
    }
}
