package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.scope;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How calls that run are recorded, against real state files: a parent whose child failed inside it
 * is not done; a key runs once at a time; a re-entered key records the outer call; a future is done
 * when it completes.
 */
@ExtendWith(CleanThreadContext.class)
class EngineRunsTest {

    static class Bot {
        @Activity(type = "daily-set")
        String parent() {
            return null;
        }

        @Activity(type = "daily-set", id = "{0}")
        int child(String id) {
            return 0;
        }

        @Activity(type = "daily-set", id = "same")
        int same() {
            return 0;
        }

        @Activity(type = "daily-set")
        CompletableFuture<Integer> later() {
            return null;
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");

    @TempDir
    Path stateDir;

    private final AtomicInteger runs = new AtomicInteger();

    private ActivityEngine newRun() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new ActivityEngine(config(ZoneOffset.UTC, "user@email.com"),
                new FileStateStore(stateDir, clock, new PersistenceHealth()), clock);
    }

    private Object call(ActivityEngine engine, String method, Callable<?> body, Object... args) throws Exception {
        return EngineCalls.call(engine, site(Bot.class, method), new Bot(), args, runs, body);
    }

    private JsonNode day() throws Exception {
        return new ObjectMapper().readTree(stateDir.resolve("user@email.com/daily-set-2025-09-20.json").toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.textValue()));
        return texts;
    }

    // --- nesting -------------------------------------------------------------------------------

    @Test
    void aParentThatCaughtAChildsFailureIsNotDoneAndNamesTheChild() throws Exception {
        ActivityEngine engine = newRun();
        Object returned = call(engine, "parent", () -> {
            call(engine, "child", () -> 1, "c1");
            try {
                call(engine, "child", () -> {
                    throw new IllegalStateException("c2 is down");
                }, "c2");
            } catch (IllegalStateException caught) {
                // the bot moves on
            }
            return "parent-done";
        });

        assertEquals("parent-done", returned, "the host's own outcome is untouched");
        JsonNode day = day();
        assertEquals(List.of("c1"), texts(day.get("completed")));
        assertEquals(List.of("c2", "parent"), texts(day.get("remaining")));
        assertEquals("java.lang.IllegalStateException", day.at("/failures/parent/exception").textValue());
        assertEquals("child activity daily-set/c2 failed inside it: c2 is down",
                day.at("/failures/parent/message").textValue());
    }

    @Test
    void aChildThatFailedAndThenCompletedInsideTheParentDoesNotCountAgainstIt() throws Exception {
        ActivityEngine engine = newRun();
        AtomicInteger attempts = new AtomicInteger();
        call(engine, "parent", () -> {
            for (int i = 0; i < 2; i++) {
                try {
                    call(engine, "child", () -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new IllegalStateException("flaky");
                        }
                        return 2;
                    }, "c1");
                } catch (IllegalStateException retried) {
                    // the bot retries it
                }
            }
            return "done";
        });

        assertEquals(List.of("c1", "parent"), texts(day().get("completed")));
    }

    @Test
    void anotherAccountsChildDoesNotCountAgainstTheParent() throws Exception {
        ActivityEngine engine = newRun();
        int depth = engine.openScope(scope(Scoped.class, "runFor"), new Object[] {"bob@email.com"});
        try {
            call(engine, "parent", () -> {
                int carol = engine.openScope(scope(Scoped.class, "runFor"), new Object[] {"carol@email.com"});
                try {
                    call(engine, "child", () -> {
                        throw new IllegalStateException("carol's failure");
                    }, "c1");
                } catch (IllegalStateException caught) {
                    // carol's own
                } finally {
                    engine.closeScope(carol);
                }
                return "done";
            });
        } finally {
            engine.closeScope(depth);
        }
        JsonNode bob = new ObjectMapper().readTree(stateDir.resolve("bob@email.com/daily-set-2025-09-20.json").toFile());
        assertEquals(List.of("parent"), texts(bob.get("completed")));
    }

    static class Scoped {
        void runFor(@Account String account) {
        }
    }

    // --- one run per key -----------------------------------------------------------------------

    @Test
    void threadsCallingAKeyAnotherThreadRunsWaitAndReplayItsResult() throws Exception {
        ActivityEngine engine = newRun();
        CountDownLatch bodyStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<Object> first = threads.submit(() -> call(engine, "same", () -> {
                bodyStarted.countDown();
                release.await();
                return 42;
            }));
            bodyStarted.await();
            List<Future<Object>> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(threads.submit(() -> call(engine, "same", () -> -1)));
            }
            Thread.sleep(200);
            assertTrue(others.stream().noneMatch(Future::isDone), "they wait for the running call");
            release.countDown();
            assertEquals(42, first.get(10, TimeUnit.SECONDS));
            for (Future<Object> other : others) {
                assertEquals(42, other.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, runs.get());
    }

    @Test
    void whenTheRunningCallFailsAWaiterRunsIt() throws Exception {
        ActivityEngine engine = newRun();
        CountDownLatch bodyStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Object> first = threads.submit(() -> call(engine, "same", () -> {
                bodyStarted.countDown();
                release.await();
                throw new IllegalStateException("first attempt fails");
            }));
            bodyStarted.await();
            Future<Object> second = threads.submit(() -> call(engine, "same", () -> 7));
            Thread.sleep(100);
            release.countDown();
            assertThrows(Exception.class, () -> first.get(10, TimeUnit.SECONDS));
            assertEquals(7, second.get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, runs.get());
        assertEquals(7, day().at("/results/same").intValue());
    }

    @Test
    void aCallReEnteringItsOwnKeyRunsUntrackedAndTheOuterResultIsRecorded() throws Exception {
        ActivityEngine engine = newRun();
        Object outer = call(engine, "same", () -> 10 + (Integer) call(engine, "same", () -> 1));

        assertEquals(11, outer);
        assertEquals(11, day().at("/results/same").intValue());
        assertEquals(11, call(newRun(), "same", () -> -1), "a replay is what the outer call returned");
    }

    @Test
    void aKeyReEnteredByWorkItsBodyHandedToAnotherThreadRunsThereUntrackedRatherThanWaitForItself()
            throws Exception {
        ActivityEngine engine = newRun();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Object outer = call(engine, "same", () -> {
                Object context = ThreadContext.capture(); // as the agent does when the body hands work over
                return 10 + (Integer) other.submit(() -> {
                    Object attached = ThreadContext.attach(context);
                    try {
                        return call(engine, "same", () -> 1);
                    } finally {
                        ThreadContext.detach(attached);
                    }
                }).get(10, TimeUnit.SECONDS);
            });
            assertEquals(11, outer);
        } finally {
            other.shutdownNow();
        }
        assertEquals(11, day().at("/results/same").intValue());
    }

    // --- futures -------------------------------------------------------------------------------

    @Test
    void aFutureIsDoneWhenItCompletesAndTheCallersFutureOnlyOnceThatIsSaved() throws Exception {
        ActivityEngine engine = newRun();
        CompletableFuture<Integer> work = new CompletableFuture<>();
        Object token = engine.enter(site(Bot.class, "later"), new Bot(), new Object[0]);
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer> callers = (CompletableFuture<Integer>) engine.exit(token, work, null);

        assertTrue(!callers.isDone() && !stateDir.resolve("user@email.com").toFile().exists(),
                "nothing is recorded while the future runs");
        CompletableFuture<Boolean> savedFirst = callers.thenApply(v -> {
            try {
                return texts(day().get("completed")).contains("later");
            } catch (Exception e) {
                return false;
            }
        });
        work.complete(5);

        assertEquals(5, callers.get(5, TimeUnit.SECONDS));
        assertTrue(savedFirst.get(5, TimeUnit.SECONDS), "the checkpoint is durable before the caller's future completes");
        assertEquals(5, day().at("/results/later").intValue(), "the future's value, not the future");
        Object skipped = call(newRun(), "later", () -> null);
        CompletableFuture<?> replayed = assertInstanceOf(CompletableFuture.class, skipped);
        assertEquals(5, replayed.getNow(null), "a completed future");
    }

    @Test
    void aFailedFutureIsAFailureTheCallerSeesAsIs() throws Exception {
        ActivityEngine engine = newRun();
        CompletableFuture<Integer> work = new CompletableFuture<>();
        Object token = engine.enter(site(Bot.class, "later"), new Bot(), new Object[0]);
        CompletableFuture<?> callers = (CompletableFuture<?>) engine.exit(token, work, null);
        IllegalStateException failure = new IllegalStateException("down");

        work.completeExceptionally(failure);

        CompletionException seen = assertThrows(CompletionException.class, callers::join);
        assertEquals(failure, seen.getCause());
        assertEquals(List.of("later"), texts(day().get("remaining")));
        assertEquals("java.lang.IllegalStateException", day().at("/failures/later/exception").textValue());
    }

    @Test
    void aSecondCallWhileAFutureIsPendingSharesItsOutcome() throws Exception {
        ActivityEngine engine = newRun();
        CompletableFuture<Integer> work = new CompletableFuture<>();
        CompletableFuture<?> first = (CompletableFuture<?>) engine.exit(
                engine.enter(site(Bot.class, "later"), new Bot(), new Object[0]), work, null);

        Object second = engine.enter(site(Bot.class, "later"), new Bot(), new Object[0]);
        CompletableFuture<?> shared = (CompletableFuture<?>) engine.exit(second, null, null);
        work.complete(3);

        assertEquals(3, first.get(5, TimeUnit.SECONDS));
        assertEquals(3, shared.get(5, TimeUnit.SECONDS));
    }
}
