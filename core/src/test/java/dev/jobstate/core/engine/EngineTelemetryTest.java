package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.callAsAdvice;
import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.Activity;
import dev.jobstate.GaveUpException;
import dev.jobstate.InDoubtException;
import dev.jobstate.QuarantinedException;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.telemetry.AgentMXBean;
import dev.jobstate.core.telemetry.JfrRecording;
import dev.jobstate.core.telemetry.StoreHealth;
import dev.jobstate.core.telemetry.Telemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reports every call where it decides it or where its outcome is saved: one Flight
 * Recorder event per call, recorded with the shipped settings, naming how it went, and the same
 * in the counters the MBean shows. One call of each kind, against real state files.
 */
@ExtendWith(CleanThreadContext.class)
class EngineTelemetryTest {

    static class Bot {
        @Activity(type = "daily-set")
        String checkIn() {
            return null;
        }

        @Activity(type = "daily-set", retries = 1, backoff = "1ms")
        String flaky() {
            return null;
        }

        @Activity(type = "daily-set")
        CompletableFuture<String> fetch() {
            return null;
        }

        @Activity(type = "daily-set", maxAttempts = 1)
        void broken() {
        }

        @Activity(type = "daily-set")
        void other() {
        }

        @Activity(type = "daily-set", id = "lost-{0.noSuchProperty}")
        void lost(String what) {
        }

        @Activity(type = "payments", once = true)
        void pay() {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final String ACCOUNT = "user@email.com";

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();
    private final Bot bot = new Bot();

    private Object call(ActivityEngine engine, String method, Callable<?> body) throws Exception {
        return callAsAdvice(engine, site(Bot.class, method), bot, runs, body);
    }

    @Test
    void everyCallIsOneEventAndOneCountNamingHowItWent() throws Exception {
        FileStateStore store = new FileStateStore(stateDir, clock, new PersistenceHealth());
        // A once activity a dead process started: in doubt.
        store.checkpoint(new DayKey(ACCOUNT, "payments", LocalDate.parse("2025-09-20")),
                new Mutation.Started("pay", NOW.minusSeconds(60)));
        ActivityEngine engine = new ActivityEngine(config(ZoneOffset.UTC, ACCOUNT).withQuarantine(2), store, clock);
        Map<String, Long> before = counts();
        List<RecordedEvent> calls;
        List<RecordedEvent> writes;
        CompletableFuture<String> fetched = new CompletableFuture<>();
        try (JfrRecording recording = JfrRecording.start()) {
            assertThrows(InDoubtException.class, () -> call(engine, "pay", () -> null));
            call(engine, "checkIn", () -> "ok");
            call(engine, "checkIn", () -> "again");
            AtomicInteger attempts = new AtomicInteger();
            call(engine, "flaky", () -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IOException("flaky");
                }
                return "ok";
            });
            Object first = call(engine, "fetch", () -> fetched);
            Object second = call(engine, "fetch", () -> CompletableFuture.completedFuture("not run"));
            fetched.complete("fetched");
            assertEquals("fetched", ((CompletableFuture<?>) first).join());
            assertEquals("fetched", ((CompletableFuture<?>) second).join());
            assertThrows(IOException.class, () -> call(engine, "broken", () -> {
                throw new IOException("down");
            })); // the account's second failure today: in quarantine from now on
            assertThrows(GaveUpException.class, () -> call(engine, "broken", () -> null));
            assertThrows(QuarantinedException.class, () -> call(engine, "other", () -> null));
            EngineCalls.call(engine, site(Bot.class, "lost"), bot, new Object[] {"x"}, runs, () -> null);
            calls = recording.stop(JfrRecording.ACTIVITY);
        }
        try (JfrRecording again = JfrRecording.start()) {
            call(engine, "checkIn", () -> "not run");
            writes = again.stop(JfrRecording.CHECKPOINT);
        }

        assertEquals(List.of("pay in doubt 0", "checkIn completed 1", "checkIn skipped 0", "flaky completed 2",
                "fetch shared 0", "fetch completed 1", "broken failed 1", "broken given up 0", "other quarantined 0",
                "null untracked 0"), describe(calls));
        for (RecordedEvent call : calls) {
            assertTrue(call.getString("method").startsWith(Bot.class.getName() + "."), call::toString);
            if (call.getString("activityId") != null) {
                assertEquals(ACCOUNT, call.getString("account"), call::toString);
            } else {
                assertNull(call.getString("account"), "the account of an untracked call is not known");
            }
        }
        assertEquals(List.of(), writes, "a skip writes nothing");

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("run", 4L);
        expected.put("completed", 3L);
        expected.put("failed", 1L);
        expected.put("skipped", 3L); // checkIn's, fetch's shared one, and the one after the recording
        expected.put("givenUp", 1L);
        expected.put("quarantined", 1L);
        expected.put("inDoubt", 1L);
        expected.put("untracked", 1L);
        // checkIn, flaky's failed attempt and its completion, fetch, broken.
        expected.put("checkpoints", 5L);
        expected.put("checkpointFailures", 0L);
        assertEquals(expected, minus(counts(), before));
    }

    @Test
    void eachDurableWriteOfTheFileStoreIsAnEventWithItsSizeBatchAndFsyncTime() throws Exception {
        ActivityEngine engine = new ActivityEngine(config(ZoneOffset.UTC, ACCOUNT),
                new FileStateStore(stateDir, clock, new PersistenceHealth()), clock);
        List<RecordedEvent> writes;
        try (JfrRecording recording = JfrRecording.start()) {
            call(engine, "checkIn", () -> "ok");
            call(engine, "pay", () -> null); // a once activity: its start, then its outcome
            writes = recording.stop(JfrRecording.CHECKPOINT);
        }

        assertEquals(3, writes.size(), writes::toString);
        for (RecordedEvent write : writes) {
            assertEquals("file", write.getString("store"), write::toString);
            assertEquals(1, write.getInt("batchSize"), write::toString);
            assertTrue(write.getBoolean("succeeded"), write::toString);
            assertTrue(write.getDuration("syncTime").toNanos() > 0, write::toString);
            assertTrue(write.getDuration("syncTime").compareTo(write.getDuration().plusMillis(1)) <= 0, write::toString);
        }
        assertEquals(stateDir.resolve(ACCOUNT + "/daily-set-2025-09-20.json").toFile().length(),
                writes.get(0).getLong("bytes"));
        assertEquals(stateDir.resolve(ACCOUNT + "/payments-2025-09-20.json").toFile().length(),
                writes.get(2).getLong("bytes"));
    }

    private static Map<String, Long> counts() {
        AgentMXBean mbean = Telemetry.counters(new StoreHealth("file", () -> false, () -> null, () -> false));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("run", mbean.getActivitiesRun());
        counts.put("completed", mbean.getActivitiesCompleted());
        counts.put("failed", mbean.getActivitiesFailed());
        counts.put("skipped", mbean.getActivitiesSkipped());
        counts.put("givenUp", mbean.getActivitiesGivenUp());
        counts.put("quarantined", mbean.getActivitiesQuarantined());
        counts.put("inDoubt", mbean.getActivitiesInDoubt());
        counts.put("untracked", mbean.getActivitiesUntracked());
        counts.put("checkpoints", mbean.getCheckpoints());
        counts.put("checkpointFailures", mbean.getCheckpointFailures());
        return counts;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.get(name)));
        return delta;
    }

    private static List<String> describe(List<RecordedEvent> calls) {
        return calls.stream().map(e -> e.getString("activityId") + " " + e.getString("outcome") + " "
                + e.getInt("attempts")).toList();
    }
}
