package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.telemetry.JfrRecording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each statement that writes outcomes to PostgreSQL is one {@code dev.jobstate.Checkpoint} event:
 * how many outcomes it carried (the group commit's batch), the text it sent, and the time spent in
 * the database.
 */
class PgCheckpointEventsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final int THREADS = 16;

    @TempDir
    Path dir;

    private PostgresStateStore store;

    @BeforeEach
    void store() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), null, db.schema(), 4,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        store = new PostgresStateStore(settings, "w1",
                new FileStateStore(dir, Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachStatementIsAnEventWithItsBatchItsTextAndItsTimeInTheDatabase() throws Exception {
        DayKey day = new DayKey("user@example.com", "daily-set", LocalDate.now(ZoneOffset.UTC));
        store.read(day, System.currentTimeMillis()); // loads the day, creating the schema, outside the recording
        List<RecordedEvent> writes;
        try (JfrRecording recording = JfrRecording.start()) {
            store.checkpoint(day, new Mutation.Completed("quiz", Instant.now(), 5, IntNode.valueOf(7)), Lease.NONE);
            store.checkpoint(day, new Mutation.Failed("poll", Instant.now(), "java.io.IOException", "dé", 5, 0),
                    Lease.NONE);
            together(day);
            writes = recording.stop(JfrRecording.CHECKPOINT);
        }

        RecordedEvent lone = writes.get(0);
        assertEquals(1, lone.getInt("batchSize"), lone::toString);
        assertEquals("quiz".length() + "7".length(), lone.getLong("bytes"), () -> "its id and its result\n" + lone);
        RecordedEvent failed = writes.get(1);
        assertEquals("poll".length() + "java.io.IOException".length() + "dé".getBytes(StandardCharsets.UTF_8).length,
                failed.getLong("bytes"), () -> "its id, its exception and its message, in UTF-8\n" + failed);
        int outcomes = 0;
        for (RecordedEvent write : writes) {
            assertEquals("postgres", write.getString("store"), write::toString);
            assertTrue(write.getBoolean("succeeded"), write::toString);
            assertTrue(write.getDuration("syncTime").toNanos() > 0, write::toString);
            assertTrue(write.getDuration("syncTime").compareTo(write.getDuration().plusMillis(1)) <= 0, write::toString);
            outcomes += write.getInt("batchSize");
        }
        assertEquals(2 + THREADS, outcomes, () -> "every outcome in exactly one statement\n" + writes);
        assertTrue(writes.size() <= 2 + THREADS, writes::toString);
    }

    /** {@link #THREADS} outcomes at once: the group commit may share statements among them. */
    private void together(DayKey day) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String id = "offer-" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    store.checkpoint(day, new Mutation.Completed(id, Instant.now(), 1, IntNode.valueOf(1)), Lease.NONE);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
