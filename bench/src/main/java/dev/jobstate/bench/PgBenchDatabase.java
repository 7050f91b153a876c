package dev.jobstate.bench;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.postgres.PostgresStateStore;
import dev.jobstate.shaded.org.postgresql.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * A schema of its own on the benchmark server, the PostgreSQL store over it, and the floor beside
 * it: a bare {@code INSERT ... ON CONFLICT} of the same row into a copy of its table, through plain
 * JDBC on a connection of its own, with the same driver (the agent jar's, relocated).
 *
 * <p>Server: {@code -Djobstate.bench.pg.url} and {@code -Djobstate.bench.pg.user} (default the local
 * {@code test} database as {@code postgres}).
 */
final class PgBenchDatabase implements AutoCloseable {

    static final String URL = System.getProperty("jobstate.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("jobstate.bench.pg.user", "postgres");

    final String schema = "jobstate_bench_" + Long.toString(System.nanoTime(), 36);
    final PostgresStateStore store;
    private final Path fallback;

    PgBenchDatabase() throws Exception {
        fallback = BenchDirs.newDir("pg-fallback-");
        store = new PostgresStateStore(new PostgresSettings(URL, USER, null, schema,
                PostgresSettings.DEFAULT_POOL_SIZE, Duration.ofSeconds(30), Duration.ofMinutes(1)), "bench",
                new FileStateStore(fallback, Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
        // The first read creates the schema.
        store.read(new DayKey("setup", "setup", LocalDate.now(ZoneOffset.UTC)), System.currentTimeMillis());
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE " + schema + ".bare (LIKE " + schema + ".activity INCLUDING ALL)");
        }
    }

    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        // The agent jar's own pgjdbc, relocated: the floor and the store use the same driver.
        return new Driver().connect(URL, properties);
    }

    /** One account's activities, as a bot thread records them: through the store, and bare. */
    final class Account implements AutoCloseable {
        private final DayKey key;
        private final Connection bare;
        private final PreparedStatement insert;
        private long next;

        Account(String name) throws SQLException {
            key = new DayKey(name, "daily-set", LocalDate.now(ZoneOffset.UTC));
            bare = connect();
            insert = bare.prepareStatement("INSERT INTO " + schema + ".bare AS a (account, type, day, id,"
                    + " status, result, attempts, started_at, completed_at, duration_ms, worker, updated_at)"
                    + " VALUES (?, ?, ?::date, ?, 'completed', ?::jsonb, 1, ?::timestamptz, ?::timestamptz, ?, ?, now())"
                    + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = EXCLUDED.status,"
                    + " result = EXCLUDED.result, completed_at = EXCLUDED.completed_at, updated_at = now()"
                    + " WHERE a.status <> 'completed'");
        }

        /** A new activity's completion, checkpointed through the store. */
        void checkpoint() throws Exception {
            store.checkpoint(key, new Mutation.Completed("activity-" + next++, Instant.now(), 5, null), Lease.NONE);
        }

        /** A new activity claimed (not timed), then its completion checkpointed with the lease (timed). */
        long claimedCheckpointNanos() throws Exception {
            String id = "activity-" + next++;
            Lease lease = ((Claim.Granted) store.claim(key, id)).lease();
            long started = System.nanoTime();
            store.checkpoint(key, new Mutation.Completed(id, Instant.now(), 5, null), lease);
            return System.nanoTime() - started;
        }

        /** A new activity's row, inserted bare. */
        int insertBare() throws SQLException {
            Instant now = Instant.now();
            insert.setString(1, key.account());
            insert.setString(2, key.type());
            insert.setString(3, key.date().toString());
            insert.setString(4, "activity-" + next++);
            insert.setString(5, null);
            insert.setString(6, now.minusMillis(5).toString());
            insert.setString(7, now.toString());
            insert.setLong(8, 5);
            insert.setString(9, "bench");
            return insert.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            bare.close();
        }
    }

    @Override
    public void close() throws SQLException {
        store.close();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        BenchDirs.delete(fallback);
    }
}
