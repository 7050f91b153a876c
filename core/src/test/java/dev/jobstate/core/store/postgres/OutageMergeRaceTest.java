package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of an outage races the bot's threads: a checkpoint can land locally after its day's file
 * was read for the merge. It must still reach the database, in the merge after the outage ends.
 */
class OutageMergeRaceTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final DayKey DAILY = new DayKey("user@example.com", "daily-set", LocalDate.now(ZoneOffset.UTC));

    @TempDir
    Path dir;

    @Test
    void aCheckpointThatLandsWhileItsDayIsMergedIsMergedToo() throws Exception {
        PgConnections connections = new PgConnections(new PostgresSettings(db.url(), db.user(), null, db.schema(),
                1, Duration.ofSeconds(30), Duration.ofSeconds(10)));
        Background background = new Background();
        List<Set<String>> merged = new CopyOnWriteArrayList<>();
        Outage[] outage = new Outage[1];
        DayMerger merger = (connection, day) -> {
            merged.add(Set.copyOf(day.completed()));
            if (merged.size() == 1) {
                record(outage[0], "late"); // the bot's thread, just after the file was read
            }
            return 1;
        };
        outage[0] = new Outage(connections, new FileStateStore(dir, Clock.systemUTC(), new PersistenceHealth()),
                merger, Clock.systemUTC(), () -> { }, background);
        try {
            outage[0].begin(new SQLException("the database went away"));
            record(outage[0], "early");

            long deadline = System.currentTimeMillis() + 15_000;
            while (outage[0].isOn()) {
                assertTrue(System.currentTimeMillis() < deadline, "the outage did not end");
                Thread.sleep(50);
            }

            assertTrue(merged.stream().anyMatch(day -> day.contains("late")),
                    "the checkpoint that landed during the merge was never merged: " + merged);
        } finally {
            background.close();
            connections.close();
        }
    }

    private static void record(Outage outage, String id) {
        try {
            assertTrue(outage.record(DAILY, new Mutation.Completed(id, Instant.now(), 1, null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
