package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.NOON;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.remainingIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's unmark or reset, written by another store (the CLI) while a bot's store holds the
 * day in memory: the bot sees it within its disk-check interval, and its later checkpoints do not
 * bring back what the operator undid.
 */
class OperatorWordTest {

    @TempDir
    Path dir;

    private FileStateStore bot() {
        return new FileStateStore(dir, CLOCK, new PersistenceHealth()).diskCheckEvery(Duration.ofMillis(50));
    }

    private FileStateStore cli() {
        return new FileStateStore(dir, CLOCK, new PersistenceHealth());
    }

    @Test
    void anUnmarkReachesTheBotsSkipPathWithinTheIntervalAndItsNextCheckpointKeepsIt() throws Exception {
        FileStateStore bot = bot();
        bot.checkpoint(DAILY_SET, new Mutation.Completed("check-in", NOON, 5, null));
        bot.checkpoint(DAILY_SET, new Mutation.Completed("quiz-1", NOON, 5, null));
        assertTrue(bot.read(DAILY_SET).isCompleted("quiz-1"));

        cli().checkpoint(DAILY_SET, new Mutation.Unmarked("quiz-1", NOON.plusSeconds(60)));

        assertTrue(bot.read(DAILY_SET, CLOCK.millis() + 40).isCompleted("quiz-1"), "within the interval: memory only");
        assertFalse(bot.read(DAILY_SET, CLOCK.millis() + 120).isCompleted("quiz-1"),
                "the bot's skip path saw the unmark once the interval passed");
        bot.checkpoint(DAILY_SET, new Mutation.Completed("poll-1", NOON.plusSeconds(61), 5, null));
        assertEquals(List.of("check-in", "poll-1"), completedIn(bot.fileOf(DAILY_SET)));
        assertEquals(List.of("quiz-1"), remainingIn(bot.fileOf(DAILY_SET)));
    }

    @Test
    void aCompletionTheBotHadNotSavedBeforeTheUnmarkIsDroppedOneAfterItCounts() {
        DayState day = DayState.empty(DAILY_SET);
        day = new Mutation.Completed("quiz-1", NOON, 5, null).applyTo(day);
        day = new Mutation.Unmarked("quiz-1", NOON.plusSeconds(60)).applyTo(day);

        assertFalse(new Mutation.Completed("quiz-1", NOON.plusSeconds(30), 5, null).applyTo(day)
                .isCompleted("quiz-1"), "stale news from before the unmark");
        assertTrue(new Mutation.Completed("quiz-1", NOON.plusSeconds(90), 5, null).applyTo(day)
                .isCompleted("quiz-1"), "done again after the unmark");
    }

    @Test
    void aResetFileKeepsOutCompletionsFromBeforeTheReset() throws IOException {
        DayState reset = DayState.reset(DAILY_SET, NOON.plusSeconds(60));
        assertFalse(new Mutation.Completed("quiz-1", NOON, 5, null).applyTo(reset).isCompleted("quiz-1"));
        assertFalse(new Mutation.Failed("quiz-1", NOON, "E", "m").applyTo(reset).remaining().contains("quiz-1"));
        assertTrue(new Mutation.Completed("quiz-1", NOON.plusSeconds(61), 5, null).applyTo(reset)
                .isCompleted("quiz-1"));
    }

    @Test
    void aDeletedFileReachesTheBotsSkipPath() throws Exception {
        FileStateStore bot = bot();
        bot.checkpoint(DAILY_SET, new Mutation.Completed("quiz-1", NOON, 5, null));
        Files.delete(bot.fileOf(DAILY_SET));
        assertFalse(bot.read(DAILY_SET, CLOCK.millis() + 120).isCompleted("quiz-1"));
    }

    @Test
    void notesRoundTripThroughTheFile() throws Exception {
        FileStateStore bot = bot();
        bot.checkpoint(DAILY_SET, new Mutation.Failed("quiz-1", NOON, "java.io.IOException", "timeout", 1500));
        bot.checkpoint(DAILY_SET, new Mutation.Completed("quiz-1", NOON.plusSeconds(10), 2000, null));
        bot.checkpoint(DAILY_SET, new Mutation.Unmarked("quiz-1", NOON.plusSeconds(20)));

        DayState read = new StateCodec().decode(DAILY_SET, Files.readAllBytes(bot.fileOf(DAILY_SET)));
        assertEquals(2, read.notes().runs().get("quiz-1").attempts());
        assertEquals(NOON.plusSeconds(8), read.notes().runs().get("quiz-1").lastStart());
        assertEquals(NOON.plusSeconds(20), read.notes().revoked().get("quiz-1"));
        String text = Files.readString(bot.fileOf(DAILY_SET));
        assertTrue(text.contains("\"runs\"") && text.contains("\"revoked\""), text);
    }
}
