package dev.jobstate.bench;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.engine.ScopeSite;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a skipped call costs: an {@code @Activity} whose id already completed today, called again.
 * This is what the agent's advice does for such a call, minus the advice's own few instructions:
 * {@link ActivityEngine#enter} (account from the enclosing {@code runFor(@Account("email") ...)},
 * id from the template {@code quiz-{0.offerId}}, today's date, the in-memory day) returns a
 * {@link Replay} holding the recorded result read back as the method's return type, and
 * {@link ActivityEngine#exit} hands it out. No file is read: the day was loaded when the activity
 * completed. {@code returns} picks the method: {@code void}, {@code int}, or a record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SkipBench {

    public record Profile(String email) {
    }

    public record Offer(String offerId, String title, int points) {
    }

    public record Earned(String offerId, int points, List<String> badges) {
    }

    /** The shape of a bot, as the sample has it. The bodies never run here. */
    public static class Bot {
        public void runFor(@Account("email") Profile profile) {
        }

        @Activity(type = "daily-set", id = "void-quiz-{0.offerId}")
        public void quizVoid(Offer offer) {
        }

        @Activity(type = "daily-set", id = "int-quiz-{0.offerId}")
        public int quizInt(Offer offer) {
            return offer.points();
        }

        @Activity(type = "daily-set", id = "record-quiz-{0.offerId}")
        public Earned quizRecord(Offer offer) {
            return new Earned(offer.offerId(), offer.points(), List.of("first-try", "streak"));
        }
    }

    @Param({"void", "int", "record"})
    public String returns;

    private Path root;
    private ActivityEngine engine;
    private ActivitySite site;
    private int scopeDepth;
    private final Bot bot = new Bot();
    private final Object[] args = {new Offer("q1", "Capitals of Europe", 10)};

    @Setup(Level.Trial)
    public void completeOnce() throws Exception {
        root = BenchDirs.newDir("skip-");
        Clock clock = Clock.systemUTC();
        JobStateConfig config = new JobStateConfig(true, root, ZoneOffset.UTC, "default", "bench");
        engine = new ActivityEngine(config, new FileStateStore(root, clock, new PersistenceHealth()), clock);

        // The account scope of runFor, opened on this thread as the advice would on entering it.
        Method runFor = Bot.class.getMethod("runFor", Profile.class);
        scopeDepth = engine.openScope(ScopeSite.of(runFor), new Object[] {new Profile("alice@example.com")});

        String name = switch (returns) {
            case "void" -> "quizVoid";
            case "int" -> "quizInt";
            case "record" -> "quizRecord";
            default -> throw new IllegalArgumentException(returns);
        };
        Method method = Bot.class.getMethod(name, Offer.class);
        site = ActivitySite.of(method);

        // The first call runs and is checkpointed, as on the bot's first run.
        Object token = engine.enter(site, bot, args);
        if (token == null || token instanceof Replay) {
            throw new IllegalStateException("expected a fresh activity to run, got " + token);
        }
        Object result = method.invoke(bot, args);
        engine.exit(token, result, null);

        // From now on it is skipped, and replays what it returned.
        if (!(engine.enter(site, bot, args) instanceof Replay) || !Objects.equals(skippedCall(), result)) {
            throw new IllegalStateException("a completed activity was not skipped and replayed");
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        engine.closeScope(scopeDepth);
        BenchDirs.delete(root);
    }

    /** One skipped call: decide, then hand back the replayed result. */
    @Benchmark
    public Object skippedCall() {
        Object token = engine.enter(site, bot, args);
        return engine.exit(token, null, null);
    }
}
