package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A call of an activity that already completed today, through the agent: the instrumented method,
 * the advice, the account from the {@code @Account} parameter, the id built from its template,
 * today's date, the day in memory, and for {@code points} the recorded result read back as an
 * {@code int}. Beside it, in the same fork, the floor it is judged by: a hit in a
 * {@link ConcurrentHashMap} plus today's date in the same zone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SkipBench {

    /** The zone {@link Targets} configures the agent with, so both sides compute the same date. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final BenchBot bot = new BenchBot();
    private final String account = "skip@example.com";
    private final String offer = "offer-7";
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();
    private final String doneId = "quiz-offer-7";

    @Setup
    public void completeTodaysActivities() {
        Agent.require(bot, account);
        bot.quiz(account, offer);
        bot.points(account, offer);
        for (int i = 0; i < 50; i++) {
            done.put("quiz-offer-" + i, Boolean.TRUE);
        }
    }

    @Benchmark
    public void skippedActivity() {
        bot.quiz(account, offer);
    }

    @Benchmark
    public int skippedActivityReplayingAnInt() {
        return bot.points(account, offer);
    }

    @Benchmark
    public Boolean mapHitPlusToday(Blackhole blackhole) {
        blackhole.consume(LocalDate.now(ZONE));
        return done.get(doneId);
    }
}
