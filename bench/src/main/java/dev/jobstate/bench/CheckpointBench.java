package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Activities that complete, through the agent: each call is a new activity, so each call waits for
 * its checkpoint to be durable before it returns. Beside them, the floor: {@link RawReplace} of the
 * same bytes, a state file as the agent wrote it for half a file's worth of ids.
 *
 * <p>Every {@value #IDS_PER_FILE} ids the calls move on to a new account, so a file never grows past
 * what a real day holds and late iterations are not slower just because the file got bigger. Account
 * names carry a per-fork run id, so no fork finds its activities already done by an earlier one. The
 * state folder is on the real disk (see {@link BenchDirs}): on tmpfs, fsync costs nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CheckpointBench {

    static final int IDS_PER_FILE = 64;

    private final BenchBot bot = new BenchBot();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final AtomicLong shared = new AtomicLong();
    private final AtomicInteger threads = new AtomicInteger();
    private byte[] stateFile;
    private Path rawTarget;

    @State(Scope.Thread)
    public static class PerThread {
        int index;
        long next;
        Path temp;

        @Setup(Level.Trial)
        public void setUp(CheckpointBench bench) {
            index = bench.threads.getAndIncrement();
            temp = bench.rawTarget.resolveSibling(".raw.json." + index + ".tmp");
        }
    }

    @Setup(Level.Trial)
    public void writeSampleStateFile() throws IOException {
        Agent.require(bot, "check-" + run);
        String sample = "sample-" + run;
        for (int i = 0; i < IDS_PER_FILE / 2; i++) {
            bot.work(sample, i);
        }
        Path state = Agent.stateDir();
        stateFile = Files.readAllBytes(onlyStateFile(state.resolve(sample)));
        rawTarget = Files.createDirectories(state.resolve("raw-" + run)).resolve("work.json");
    }

    /** The day file the sample account's calls wrote, whatever its date: midnight may pass meanwhile. */
    private static Path onlyStateFile(Path account) throws IOException {
        try (Stream<Path> files = Files.list(account)) {
            List<Path> days = files.filter(f -> f.getFileName().toString().matches("work-.*\\.json")).toList();
            if (days.size() != 1) {
                throw new IllegalStateException("expected one day file in " + account + ", found " + days);
            }
            return days.get(0);
        }
    }

    @Benchmark
    @Threads(1)
    public void agentOneThread() {
        completeNextShared("one-");
    }

    /** {@code @Activity(once = true)}: the start's durable write, then the checkpoint's. */
    @Benchmark
    @Threads(1)
    public void agentOnceOneThread() {
        long n = shared.getAndIncrement();
        bot.workOnce("once-" + run + "-" + n / IDS_PER_FILE, n);
    }

    @Benchmark
    @Threads(1)
    public void rawOneThread(PerThread thread) throws IOException {
        RawReplace.replace(rawTarget, thread.temp, stateFile);
    }

    /** 16 threads, one account, type and day: all contend for one file. */
    @Benchmark
    @Threads(16)
    public void agent16ThreadsOneFile() {
        completeNextShared("same-");
    }

    @Benchmark
    @Threads(16)
    public void raw16ThreadsOneFile(PerThread thread) throws IOException {
        RawReplace.replace(rawTarget, thread.temp, stateFile);
    }

    /** The next id of a sequence all threads share, in the account that holds its block of ids. */
    private void completeNextShared(String accountPrefix) {
        long n = shared.getAndIncrement();
        bot.work(accountPrefix + run + "-" + n / IDS_PER_FILE, n);
    }

    /** 16 threads, each on its own account: 16 files in 16 folders. */
    @Benchmark
    @Threads(16)
    public void agent16ThreadsOwnAccounts(PerThread thread) {
        long n = thread.next++;
        bot.work("own-" + run + "-" + thread.index + "-" + n / IDS_PER_FILE, n);
    }
}
