package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.ACCOUNT;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot running across midnight in the configured zone. The day is the one an
 * activity started in; skip decisions after midnight see only the new day; the old day leaves memory.
 */
class MidnightTest {

    /** Not the JVM's zone or UTC, so only the configured zone can give these dates. */
    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final LocalDate DAY_1 = LocalDate.parse("2025-09-20");
    private static final LocalDate DAY_2 = DAY_1.plusDays(1);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        void set(LocalDateTime local) {
            now = local.atZone(ZONE).toInstant();
        }

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void activitiesBelongToTheDayTheyStartedAndSkipsAfterMidnightIgnoreYesterday() throws IOException {
        HandClock clock = new HandClock(DAY_1.atTime(22, 0).atZone(ZONE).toInstant());
        FileStateStore store = new FileStateStore(dir, clock, new PersistenceHealth());
        ActivityEngine engine = new ActivityEngine(new JobStateConfig(true, dir, ZONE, ACCOUNT, "test"), store, clock);
        QuizBot bot = new QuizBot();
        DayKey day1 = new DayKey(ACCOUNT, "daily-set", DAY_1);
        DayKey day2 = new DayKey(ACCOUNT, "daily-set", DAY_2);

        engine.exit(engine.enter(QuizBot.QUIZ, bot, new Object[] {"1"}), "answered 1", null);
        assertInstanceOf(Replay.class, engine.enter(QuizBot.QUIZ, bot, new Object[] {"1"}),
                "the same day, quiz-1 is skipped");

        clock.set(DAY_1.atTime(23, 59, 59));
        Object checkIn = engine.enter(QuizBot.CHECK_IN, bot, new Object[0]);
        clock.set(DAY_2.atTime(0, 0, 1));
        engine.exit(checkIn, null, null);
        assertEquals(List.of("quiz-1", "check-in"), completedIn(store.fileOf(day1)),
                "check-in started before midnight: day 1's file, though it ended after");
        assertFalse(Files.exists(store.fileOf(day2)));

        Object again = engine.enter(QuizBot.CHECK_IN, bot, new Object[0]);
        assertFalse(again instanceof Replay, "after midnight, yesterday's check-in does not count");
        engine.exit(again, null, null);
        Object quiz = engine.enter(QuizBot.QUIZ, bot, new Object[] {"1"});
        assertFalse(quiz instanceof Replay, "nor yesterday's quiz-1");
        engine.exit(quiz, "answered 1", null);
        engine.exit(engine.enter(QuizBot.QUIZ, bot, new Object[] {"2"}), "answered 2", null);

        assertEquals(List.of("check-in", "quiz-1", "quiz-2"), completedIn(store.fileOf(day2)));
        assertEquals(List.of("quiz-1", "check-in"), completedIn(store.fileOf(day1)), "day 1 is left as it was");
        assertInstanceOf(Replay.class, engine.enter(QuizBot.QUIZ, bot, new Object[] {"2"}));

        // Day 1 is no longer in memory: a change made to its file now is seen on the next read.
        Files.writeString(store.fileOf(day1), "{\"completed\":[\"quiz-1\",\"check-in\",\"by-hand\"]}");
        assertTrue(store.read(day1).isCompleted("by-hand"), "day 1 was still served from memory");
    }

    @Test
    void retainOnlyDropsOtherDaysFromMemoryAndKeepsToday() throws IOException {
        FileStateStore store = new FileStateStore(dir, Days.CLOCK, new PersistenceHealth())
                .diskCheckEvery(Duration.ofHours(1));
        DayKey day1 = new DayKey(ACCOUNT, "daily-set", DAY_1);
        DayKey day2 = new DayKey(ACCOUNT, "daily-set", DAY_2);
        store.checkpoint(day1, done("quiz-1"));
        store.checkpoint(day2, done("quiz-1"));
        String edited = "{\"completed\":[\"quiz-1\",\"by-hand\"]}";
        Files.writeString(store.fileOf(day1), edited);
        Files.writeString(store.fileOf(day2), edited);
        assertFalse(store.read(day1).isCompleted("by-hand"), "loaded days are served from memory");

        store.retainOnly(Set.of(DAY_2));

        assertTrue(store.read(day1).isCompleted("by-hand"), "day 1 was dropped, so it is read again");
        assertFalse(store.read(day2).isCompleted("by-hand"), "today stays in memory");
    }

    @Test
    void retainOnlyKeepsEveryDateItIsGiven() throws IOException {
        FileStateStore store = new FileStateStore(dir, Days.CLOCK, new PersistenceHealth())
                .diskCheckEvery(Duration.ofHours(1));
        DayKey day0 = new DayKey(ACCOUNT, "daily-set", DAY_1.minusDays(1));
        DayKey day1 = new DayKey("late@email.com", "daily-set", DAY_1);
        DayKey day2 = new DayKey(ACCOUNT, "daily-set", DAY_2);
        String edited = "{\"completed\":[\"quiz-1\",\"by-hand\"]}";
        for (DayKey day : List.of(day0, day1, day2)) {
            store.checkpoint(day, done("quiz-1"));
            Files.writeString(store.fileOf(day), edited);
        }

        store.retainOnly(Set.of(DAY_1, DAY_2));

        assertTrue(store.read(day0).isCompleted("by-hand"), "day 0 was dropped, so it is read again");
        assertFalse(store.read(day1).isCompleted("by-hand"), "one account's today stays in memory");
        assertFalse(store.read(day2).isCompleted("by-hand"), "and another's");
    }
}
