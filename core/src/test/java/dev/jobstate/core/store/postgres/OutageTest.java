package dev.jobstate.core.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away and comes back: nothing stops, nothing is lost, everything ends up in it. */
class OutageTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final DayKey DAILY = new DayKey("user@example.com", "daily-set", LocalDate.now(ZoneOffset.UTC));

    @TempDir
    Path dir;

    private TcpProxy proxy;
    private PostgresStateStore store;

    @BeforeEach
    void startThroughAProxy() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
        proxy = TcpProxy.start(db.host(), db.port());
        store = store("w1");
    }

    @AfterEach
    void stop() {
        store.close();
        proxy.close();
    }

    private PostgresStateStore store(String worker) {
        PostgresSettings settings = new PostgresSettings(db.urlVia(proxy.port()), db.user(), null, db.schema(), 2,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        return new PostgresStateStore(settings, worker,
                new FileStateStore(dir, Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
    }

    private void complete(PostgresStateStore on, String id) throws Exception {
        Claim.Granted claim = assertInstanceOf(Claim.Granted.class, on.claim(DAILY, id));
        on.checkpoint(DAILY, new Mutation.Completed(id, Instant.now(), 3, IntNode.valueOf(id.length())), claim.lease());
    }

    private String status(String id) throws SQLException {
        return db.query("SELECT status FROM ${schema}.activity WHERE id = '" + id + "'");
    }

    @Test
    void completionsDuringAnOutageGoToTheLocalFilesAndIntoTheDatabaseWhenItIsBack() throws Exception {
        store.read(DAILY, System.currentTimeMillis()); // as the engine does before it claims
        complete(store, "before");
        assertEquals("completed", status("before"));
        assertFalse(store.inOutage());

        proxy.cut();
        complete(store, "during-1");
        assertTrue(store.inOutage(), "what the agent's MBean shows as DatabaseOutage");
        complete(store, "during-2");
        assertTrue(store.read(DAILY, System.currentTimeMillis()).isCompleted("before"), "what the database said stands");
        assertTrue(store.read(DAILY, System.currentTimeMillis()).isCompleted("during-1"));
        assertInstanceOf(Claim.Done.class, store.claim(DAILY, "during-2"));
        assertTrue(Files.readString(store.fallbackFile(DAILY)).contains("during-2"), "durable locally meanwhile");
        assertEquals(null, status("during-1"));

        proxy.restore();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!"completed".equals(status("during-2"))) {
            assertTrue(System.currentTimeMillis() < deadline, "not merged 15 s after the database came back");
            Thread.sleep(100);
        }
        assertEquals("completed", status("during-1"));
        assertFalse(store.inOutage());
        complete(store, "after");
        assertEquals("completed", status("after"));
    }

    @Test
    void aRunThatEndedDuringAnOutageIsMergedWhenTheNextOneStarts() throws Exception {
        proxy.cut();
        complete(store, "offline");
        store.close();
        proxy.restore();

        PostgresStateStore next = store("w1");
        try {
            assertTrue(next.read(DAILY, System.currentTimeMillis()).isCompleted("offline"));
            assertEquals("completed", status("offline"));
        } finally {
            next.close();
        }
    }

    @Test
    void aDatabaseThatIsNeverThereLeavesTheFileStoreDoingTheWork() throws Exception {
        proxy.cut();

        complete(store, "quiz");

        assertFalse(Files.notExists(store.fallbackFile(DAILY)));
        assertInstanceOf(Claim.Done.class, store.claim(DAILY, "quiz"));
    }
}
