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

    /** A farm's worth: 50 accounts × 200 completed ids, visited in turn, so no cache sees one key twice in a row. */
    static final int ACCOUNTS = 50;
    static final int IDS = 200;
    private final String[] accounts = new String[ACCOUNTS];
    private final String[] offers = new String[IDS];
    private final BenchBot.Profile[] profiles = new BenchBot.Profile[ACCOUNTS];
    private final BenchBot.Offer[] offerObjects = new BenchBot.Offer[IDS];
    private int next;

    @Setup
    public void completeTodaysActivities() {
        Agent.require(bot, account);
        bot.quiz(account, offer);
        bot.points(account, offer);
        for (int i = 0; i < 50; i++) {
            done.put("quiz-offer-" + i, Boolean.TRUE);
        }
        for (int i = 0; i < IDS; i++) {
            offers[i] = "offer-" + i;
            offerObjects[i] = new BenchBot.Offer("offer-" + i, 10);
        }
        // One thread per account, so the 10,000 checkpoints of the set-up share fsyncs.
        Thread[] threads = new Thread[ACCOUNTS];
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts[a] = "account-" + a + "@example.com";
            profiles[a] = new BenchBot.Profile(accounts[a]);
            String account = accounts[a];
            BenchBot.Profile profile = profiles[a];
            threads[a] = new Thread(() -> {
                for (int i = 0; i < IDS; i++) {
                    bot.quiz(account, offers[i]);
                    bot.offer(profile, offerObjects[i]);
                }
            });
            threads[a].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A skipped call as a farm makes them: the account from an {@code @Account} parameter and the
     * id from a template, a different account and id each call, 10,000 completed activities in all.
     */
    @Benchmark
    public void skippedAcrossAccounts() {
        int i = next++;
        bot.quiz(accounts[i % ACCOUNTS], offers[(i / ACCOUNTS) % IDS]);
    }

    /**
     * The same in the sample bot's shape, replaying an {@code int}: the account read from a property of
     * an {@code @Account("email")} parameter, the id from a property of another ({@code offer-{1.offerId}}).
     */
    @Benchmark
    public int skippedAcrossAccountsByProperty() {
        int i = next++;
        return bot.offer(profiles[i % ACCOUNTS], offerObjects[(i / ACCOUNTS) % IDS]);
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
