package dev.jobstate.bench;

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
 * Checkpoints through the PostgreSQL store, and bare {@code INSERT ... ON CONFLICT} round trips
 * ({@link PgBenchDatabase}), each thread on an account of its own: {@link PgTargets} runs it with 16
 * threads for the throughput target. Each call records a new activity id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 5)
public class PgCheckpointBench {

    private final AtomicInteger threads = new AtomicInteger();
    private PgBenchDatabase database;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        database = new PgBenchDatabase();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        database.close();
    }

    @State(Scope.Thread)
    public static class PerThread {
        PgBenchDatabase.Account account;

        @Setup(Level.Trial)
        public void setUp(PgCheckpointBench bench) throws Exception {
            account = bench.database.new Account("account-" + bench.threads.getAndIncrement());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            account.close();
        }
    }

    @Benchmark
    public void storeCheckpoint(PerThread thread) throws Exception {
        thread.account.checkpoint();
    }

    @Benchmark
    public int bareInsert(PerThread thread) throws Exception {
        return thread.account.insertBare();
    }
}
