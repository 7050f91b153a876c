package dev.jobstate.bench;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable checkpoints per second through {@link FileStateStore#checkpoint}, the call every
 * completed activity waits on, with 1, 4 and 16 threads all completing distinct ids of the same
 * account, type and day: the contended case, one state file. {@code groupCommit=false} writes every
 * checkpoint on its own (temp file, fsync, rename, fsync of the folder), the way the store worked
 * before group commit; {@code true} lets one writer save every change queued meanwhile in one write.
 *
 * <p>Each iteration starts on a new empty folder, and every {@value #IDS_PER_FILE} ids the threads
 * move on to a new file (a new type), so a file never grows past what a real day holds (a daily set
 * plus searches is a few dozen ids) and late iterations are not slower just because the file is
 * bigger. The folder is on the real disk (see {@link BenchDirs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CheckpointBench {

    static final int IDS_PER_FILE = 64;
    private static final String ACCOUNT = "bench@example.com";
    private static final LocalDate DAY = LocalDate.of(2025, 9, 20);
    private static final IntNode POINTS = IntNode.valueOf(10);

    @Param({"false", "true"})
    public boolean groupCommit;

    private final Clock clock = Clock.systemUTC();
    private final AtomicLong next = new AtomicLong();
    private Path root;
    private FileStateStore store;

    @Setup(Level.Iteration)
    public void newStore() throws IOException {
        root = BenchDirs.newDir("checkpoint-");
        store = new FileStateStore(root, clock, new PersistenceHealth(), groupCommit);
        next.set(0);
    }

    @TearDown(Level.Iteration)
    public void deleteStore() {
        store = null;
        BenchDirs.delete(root);
    }

    @Benchmark
    @Threads(1)
    public void threads01() throws IOException {
        checkpoint();
    }

    @Benchmark
    @Threads(4)
    public void threads04() throws IOException {
        checkpoint();
    }

    @Benchmark
    @Threads(16)
    public void threads16() throws IOException {
        checkpoint();
    }

    private void checkpoint() throws IOException {
        long n = next.getAndIncrement();
        DayKey key = new DayKey(ACCOUNT, "daily-set-" + n / IDS_PER_FILE, DAY);
        store.checkpoint(key, new Mutation.Completed("quiz-" + n, clock.instant(), 25, POINTS));
    }
}
