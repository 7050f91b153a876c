package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.callAsAdvice;
import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.telemetry.ActivityOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's one hook for a test harness: it sees every decision, and a kill it asks for before
 * or after a body stops the engine as a {@code kill -9} stops a process: the call throws the kill,
 * nothing of that call is saved, and every call after it throws it too without deciding anything.
 */
@ExtendWith(CleanThreadContext.class)
class CallWatchTest {

    static class Bot {
        @Activity(type = "chores", once = true)
        String pay() {
            return "paid";
        }

        @Activity(type = "chores")
        String water() {
            return "watered";
        }
    }

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Kills before the body of the call named {@code before}, or after that of {@code after}. */
    static final class Watch implements CallWatch {
        final List<String> seen = new ArrayList<>();
        final String before;
        final String after;
        final Killed kill = new Killed();

        Watch(String before, String after) {
            this.before = before;
            this.after = after;
        }

        @Override
        public void decided(String account, String type, String id, ActivityOutcome outcome, Object value) {
            seen.add(outcome + " " + id + "=" + value);
        }

        @Override
        public Error beforeBody(String account, String type, String id) {
            seen.add("before " + id);
            return id.equals(before) ? kill : null;
        }

        @Override
        public Error afterBody(String account, String type, String id, Object returned, Throwable thrown) {
            seen.add("after " + id + "=" + returned);
            return id.equals(after) ? kill : null;
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final DayKey CHORES = new DayKey("default", "chores", LocalDate.parse("2025-09-20"));

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();

    private ActivityEngine engine(Watch watch) {
        return new ActivityEngine(config(ZoneOffset.UTC, "default"), new FileStateStore(stateDir, clock,
                new PersistenceHealth()), clock).watchedBy(watch);
    }

    private Completions saved() {
        return new FileStateStore(stateDir, clock, new PersistenceHealth()).read(CHORES, clock.millis());
    }

    private Object call(ActivityEngine engine, String method) throws Exception {
        return callAsAdvice(engine, site(Bot.class, method), new Bot(), runs, () -> method.equals("pay")
                ? new Bot().pay() : new Bot().water());
    }

    @Test
    void itSeesWhatRanAndWhatWasSkippedWithTheValueReplayed() throws Exception {
        call(engine(new Watch(null, null)), "water");
        Watch next = new Watch(null, null);
        call(engine(next), "water");
        assertEquals(List.of("SKIPPED water=watered"), next.seen);
    }

    @Test
    void aKillBeforeTheBodyIsThrownThereAndTheBodyNeverRuns() throws Exception {
        Watch watch = new Watch("pay", null);
        ActivityEngine engine = engine(watch);
        assertSame(watch.kill, assertThrows(Killed.class, () -> call(engine, "pay")));
        assertEquals(0, runs.get());
        assertNotNull(saved().startedAt("pay"), "a once activity's start was saved before the kill: it is in doubt");
        assertFalse(saved().isCompleted("pay"));
    }

    @Test
    void aKillAfterTheBodySavesNothingOfItsOutcomeAndEveryLaterCallThrowsItUndecided() throws Exception {
        Watch watch = new Watch(null, "water");
        ActivityEngine engine = engine(watch);
        assertSame(watch.kill, assertThrows(Killed.class, () -> call(engine, "water")));
        assertEquals(1, runs.get(), "the body ran");
        assertFalse(saved().isCompleted("water"));

        assertSame(watch.kill, assertThrows(Killed.class, () -> call(engine, "pay")));
        assertEquals(1, runs.get(), "nothing runs after the kill");
        assertEquals(List.of("before water", "after water=watered"), watch.seen, "and nothing more is decided");
        assertTrue(saved().startedAt("pay") == null, "nor saved");
    }
}
