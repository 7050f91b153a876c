package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 17's checkpoint target: one thread checkpointing into a day that already holds {@link #ids}
 * completed ids with results, against {@link RawReplace} of the seed's six fields ({@code date,
 * account, type, completed, remaining, lastUpdate}) of that same day, same ids, same recipe.
 *
 * <p>The day is seeded once per trial through the agent ({@link #ids} calls of
 * {@link BenchBot#dayItem}); its file is then copied into a fresh account every {@value #PER_ACCOUNT}
 * calls (in an invocation set-up, not timed), so the day measured holds {@code ids} to
 * {@code ids + }{@value #PER_ACCOUNT} ids throughout. The first call in each copy reads the file, as a
 * bot's first checkpoint of a day another run began does. The raw write cycles through the same
 * sizes: call {@code j} of a block writes the six fields of {@code ids + j + 1} ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DayCheckpointBench {

    static final int PER_ACCOUNT = 16;

    @Param({"50", "200", "1000"})
    public int ids;

    private final BenchBot bot = new BenchBot();
    private final String run = Long.toString(System.nanoTime(), 36);
    private Path state;
    private String seedAccount;
    private byte[] seedFile;
    private String dayFileName;
    private String date;
    private byte[][] rawFiles;
    private Path rawTarget;
    private Path rawTemp;
    private Path oursTarget;
    private Path oursTemp;

    private long next;

    /** The agent's side: a fresh copy of the seeded day under a new account every {@value #PER_ACCOUNT} calls. */
    @State(Scope.Thread)
    public static class Accounts {
        long next;
        String account;

        @Setup(Level.Invocation)
        public void nextCall(DayCheckpointBench bench) throws IOException {
            if (next % PER_ACCOUNT == 0) {
                account = bench.copyOfSeed(next / PER_ACCOUNT);
            }
        }
    }

    @Setup(Level.Trial)
    public void seed() throws IOException {
        Agent.require(bot, "check-" + run);
        state = Agent.stateDir();
        seedAccount = "seed-" + run;
        for (int i = 0; i < ids; i++) {
            bot.dayItem(seedAccount, i);
        }
        Path file = onlyDayFile(state.resolve(seedAccount));
        seedFile = Files.readAllBytes(file);
        dayFileName = file.getFileName().toString();
        date = dayFileName.substring("day-".length(), dayFileName.length() - ".json".length());
        rawFiles = new byte[PER_ACCOUNT][];
        for (int j = 0; j < PER_ACCOUNT; j++) {
            rawFiles[j] = sixFields(ids + j + 1);
        }
        rawTarget = Files.createDirectories(state.resolve("raw-" + run)).resolve(dayFileName);
        rawTemp = rawTarget.resolveSibling("." + dayFileName + ".tmp");
        oursTarget = Files.createDirectories(state.resolve("raw-ours-" + run)).resolve(dayFileName);
        oursTemp = oursTarget.resolveSibling("." + dayFileName + ".tmp");
    }

    /** The seeded day's file copied under account number {@code n}, as if that account's run had written it. */
    String copyOfSeed(long n) throws IOException {
        String account = "day-" + run + "-" + n;
        Path folder = Files.createDirectories(state.resolve(account));
        String text = new String(seedFile, StandardCharsets.UTF_8)
                .replace("\"" + seedAccount + "\"", "\"" + account + "\"");
        Files.write(folder.resolve(dayFileName), text.getBytes(StandardCharsets.UTF_8));
        return account;
    }

    @Benchmark
    @Threads(1)
    public int agent(Accounts accounts) {
        return bot.dayItem(accounts.account, ids + accounts.next++);
    }

    @Benchmark
    @Threads(1)
    public void raw() throws IOException {
        RawReplace.replace(rawTarget, rawTemp, rawFiles[(int) (next++ % PER_ACCOUNT)]);
    }

    /**
     * The raw write of the day's file as the agent wrote it (all its fields, not only the six): not a
     * benchmark of its own, but what {@link CheckpointSideBySide} sets beside the two, to tell what the
     * file's size costs the disk from what the rest of a checkpoint costs.
     */
    void rawOfOurFile() throws IOException {
        RawReplace.replace(oursTarget, oursTemp, seedFile);
    }

    /** The six fields of a day of {@code count} ids, laid out as a state file lays them out. */
    private byte[] sixFields(int count) {
        StringBuilder out = new StringBuilder(64 + count * 20);
        out.append("{\n  \"date\": \"").append(date).append("\",\n  \"account\": \"").append(seedAccount)
                .append("\",\n  \"type\": \"day\",\n  \"completed\": [");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "\n" : ",\n").append("    \"item-").append(i).append('"');
        }
        out.append("\n  ],\n  \"remaining\": [],\n  \"lastUpdate\": \"").append(date).append("T10:30:00.000Z\"\n}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Path onlyDayFile(Path account) throws IOException {
        try (Stream<Path> files = Files.list(account)) {
            List<Path> days = files.filter(f -> f.getFileName().toString().matches("day-.*\\.json")).toList();
            if (days.size() != 1) {
                throw new IllegalStateException("expected one day file in " + account + ", found " + days);
            }
            return days.get(0);
        }
    }
}
