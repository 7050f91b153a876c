package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.completedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.config.AccountRule;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each account's own day: the date in the file name and in every skip decision is the account's
 * date, whose day may start at another hour or in another zone than the bot's.
 */
class OwnDayTest {

    private static final LocalDate DAY_1 = LocalDate.parse("2025-09-20");
    private static final LocalDate DAY_2 = DAY_1.plusDays(1);
    private static final Object[] NONE = new Object[0];

    @TempDir
    Path dir;

    private JobStateConfig config(ZoneId zone, String dayStartsAt, AccountRule... rules) {
        return new JobStateConfig(true, dir, zone, "bot@example.com", "test", null, null,
                LocalTime.parse(dayStartsAt), List.of(rules));
    }

    private static Instant utc(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    @Test
    void aDayThatStartsAtFourSkipsAtThreeFiftyNineWhatWasDoneAtFourThirtyTheDayBeforeAndRunsAgainAtFour()
            throws IOException {
        MidnightTest.HandClock clock = new MidnightTest.HandClock(utc(DAY_1, 4, 30));
        FileStateStore store = new FileStateStore(dir, clock, new PersistenceHealth());
        ActivityEngine engine = new ActivityEngine(config(ZoneOffset.UTC, "04:00"), store, clock);
        QuizBot bot = new QuizBot();
        DayKey day1 = new DayKey("bot@example.com", "daily-set", DAY_1);
        DayKey day2 = new DayKey("bot@example.com", "daily-set", DAY_2);

        Object first = engine.enter(QuizBot.CHECK_IN, bot, NONE);
        assertFalse(first instanceof Replay);
        engine.exit(first, null, null);
        assertEquals(List.of("check-in"), completedIn(store.fileOf(day1)));

        clock.at(utc(DAY_2, 0, 0));
        assertInstanceOf(Replay.class, engine.enter(QuizBot.CHECK_IN, bot, NONE), "midnight is not the boundary");
        clock.at(utc(DAY_2, 3, 59).plusSeconds(59));
        assertInstanceOf(Replay.class, engine.enter(QuizBot.CHECK_IN, bot, NONE), "03:59:59 is still day 1");
        assertFalse(Files.exists(store.fileOf(day2)));

        clock.at(utc(DAY_2, 4, 0));
        Object again = engine.enter(QuizBot.CHECK_IN, bot, NONE);
        assertFalse(again instanceof Replay, "at 04:00 day 2 begins and check-in runs again");
        engine.exit(again, null, null);
        assertEquals(List.of("check-in"), completedIn(store.fileOf(day2)));
        assertInstanceOf(Replay.class, engine.enter(QuizBot.CHECK_IN, bot, NONE));
    }

    @Test
    void accountsInOtherZonesOrWithOtherStartsWriteAndSkipTheirOwnDates() throws IOException {
        // 01:00 UTC on day 2: 10:00 in Tokyo (day 2), and before 04:00 for the late accounts (day 1).
        MidnightTest.HandClock clock = new MidnightTest.HandClock(utc(DAY_2, 1, 0));
        FileStateStore store = new FileStateStore(dir, clock, new PersistenceHealth())
                .diskCheckEvery(Duration.ofHours(1));
        ActivityEngine engine = new ActivityEngine(config(ZoneId.of("America/New_York"), "00:00",
                new AccountRule("*@late.example", ZoneOffset.UTC, LocalTime.of(4, 0)),
                new AccountRule("tokyo", ZoneId.of("Asia/Tokyo"), null)), store, clock);
        AccountBot bot = new AccountBot();

        for (String account : List.of("a@late.example", "tokyo", "new-york")) {
            engine.exit(engine.enter(AccountBot.CHECK_IN, bot, new Object[] {account}), null, null);
        }

        DayKey late = new DayKey("a@late.example", "daily-set", DAY_1);
        assertEquals(List.of("check-in"), completedIn(store.fileOf(late)));
        assertEquals(List.of("check-in"), completedIn(store.fileOf(new DayKey("tokyo", "daily-set", DAY_2))));
        assertEquals(List.of("check-in"), completedIn(store.fileOf(new DayKey("new-york", "daily-set", DAY_1))),
                "21:00 the evening before in New York");

        // Every account's current day stays in memory: an edit to the file is not seen yet.
        Files.writeString(store.fileOf(late), "{\"completed\":[\"check-in\",\"by-hand\"]}");
        assertFalse(store.read(late, clock.millis()).isCompleted("by-hand"), "day 1 is a current day: in memory");
        assertInstanceOf(Replay.class, engine.enter(AccountBot.CHECK_IN, bot, new Object[] {"a@late.example"}));

        clock.at(utc(DAY_2, 4, 0)); // midnight in New York; the late accounts' day 2 begins
        assertFalse(engine.enter(AccountBot.CHECK_IN, bot, new Object[] {"a@late.example"}) instanceof Replay);
        assertTrue(store.read(late, clock.millis()).isCompleted("by-hand"), "day 1 is no one's today: re-read");
        assertFalse(engine.enter(AccountBot.CHECK_IN, bot, new Object[] {"new-york"}) instanceof Replay);
        assertInstanceOf(Replay.class, engine.enter(AccountBot.CHECK_IN, bot, new Object[] {"tokyo"}));
    }
}
