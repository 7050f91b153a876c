package dev.jobstate.bench;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.postgres.PostgresStateStore;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checkpoints through the PostgreSQL store beside their floor: one bare {@code INSERT ... ON
 * CONFLICT} of the same row through plain JDBC, on a connection of its own, to the same server and
 * the same driver (the agent jar's). Each call records a new activity id; each thread works on an
 * account of its own.
 *
 * <p>Runs from {@link PgTargets}, with the agent jar on the class path: the store is the agent's own
 * code, relocated dependencies and all. Server: {@code -Djobstate.bench.pg.url} (default the local
 * {@code test} database as {@code postgres}); each trial uses a schema of its own and drops it.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class PgCheckpointBench {

    static final String URL = System.getProperty("jobstate.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("jobstate.bench.pg.user", "postgres");

    private final String schema = "jobstate_bench_" + Long.toString(System.nanoTime(), 36);
    private final AtomicInteger threads = new AtomicInteger();
    private PostgresStateStore store;
    private Path fallback;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fallback = BenchDirs.newDir("pg-fallback-");
        store = new PostgresStateStore(new PostgresSettings(URL, USER, null, schema,
                PostgresSettings.DEFAULT_POOL_SIZE, Duration.ofSeconds(30), Duration.ofMinutes(1)), "bench",
                new FileStateStore(fallback, Clock.systemUTC(), new PersistenceHealth()), Clock.systemUTC());
        // Creates the schema: the first read migrates it.
        store.read(new DayKey("setup", "setup", LocalDate.now(ZoneOffset.UTC)), System.currentTimeMillis());
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE " + schema + ".bare (LIKE " + schema + ".activity INCLUDING ALL)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        BenchDirs.delete(fallback);
    }

    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        // The agent jar's own pgjdbc, relocated: the floor and the store use the same driver.
        return new dev.jobstate.shaded.org.postgresql.Driver().connect(URL, properties);
    }

    @State(Scope.Thread)
    public static class PerThread {
        DayKey key;
        long next;
        Connection bare;
        PreparedStatement insert;

        @Setup(Level.Trial)
        public void setUp(PgCheckpointBench bench) throws SQLException {
            key = new DayKey("account-" + bench.threads.getAndIncrement(), "daily-set", LocalDate.now(ZoneOffset.UTC));
            bare = connect();
            insert = bare.prepareStatement("INSERT INTO " + bench.schema + ".bare AS a (account, type, day, id,"
                    + " status, result, attempts, started_at, completed_at, duration_ms, worker, updated_at)"
                    + " VALUES (?, ?, ?::date, ?, 'completed', ?::jsonb, 1, ?::timestamptz, ?::timestamptz, ?, ?, now())"
                    + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = EXCLUDED.status,"
                    + " result = EXCLUDED.result, completed_at = EXCLUDED.completed_at, updated_at = now()"
                    + " WHERE a.status <> 'completed'");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            bare.close();
        }

        String nextId() {
            return "activity-" + next++;
        }
    }

    @Benchmark
    public void storeCheckpoint(PerThread thread) throws Exception {
        store.checkpoint(thread.key, new Mutation.Completed(thread.nextId(), Instant.now(), 5, null), Lease.NONE);
    }

    @Benchmark
    public int bareInsert(PerThread thread) throws SQLException {
        Instant now = Instant.now();
        PreparedStatement insert = thread.insert;
        insert.setString(1, thread.key.account());
        insert.setString(2, thread.key.type());
        insert.setString(3, thread.key.date().toString());
        insert.setString(4, thread.nextId());
        insert.setString(5, null);
        insert.setString(6, now.minusMillis(5).toString());
        insert.setString(7, now.toString());
        insert.setLong(8, 5);
        insert.setString(9, "bench");
        return insert.executeUpdate();
    }
}
