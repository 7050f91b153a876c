package bots;

import dev.jobstate.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Activities that return futures: done when their future is, not when the method returns.
 * Prints {@code RAN default <id>} when a body starts, {@code ACK default <id> <value>} when the
 * caller's {@code get} returned, {@code CAUGHT default <id> <exception>} when it threw,
 * {@code HUNG default <id>} when it did not complete within 10 s, and {@code SEEN <id> <yes|no>}:
 * whether the state file already listed the id when the caller's {@code thenApply} ran.
 *
 * <p>Arguments: {@code --fail=<id>,...} makes those futures complete exceptionally.
 */
public class AsyncBot {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static List<String> failing = List.of();

    @Activity(type = "async", id = "fetch-{0}")
    CompletableFuture<Integer> fetch(String id) {
        Out.say("RAN default fetch-" + id);
        return CompletableFuture.supplyAsync(() -> {
            sleep(300);
            if (failing.contains("fetch-" + id)) {
                throw new IllegalStateException("fetch " + id + " failed");
            }
            return id.length() * 10 + 1;
        }, POOL);
    }

    @Activity(type = "async")
    CompletableFuture<Integer> ready() {
        Out.say("RAN default ready");
        return CompletableFuture.completedFuture(7);
    }

    @Activity(type = "async")
    CompletionStage<String> stage() {
        Out.say("RAN default stage");
        return CompletableFuture.supplyAsync(() -> {
            sleep(100);
            return "staged";
        }, POOL);
    }

    @Activity(type = "async")
    CompletableFuture<Void> cancelled() {
        Out.say("RAN default cancelled");
        CompletableFuture<Void> future = new CompletableFuture<>();
        POOL.execute(() -> future.cancel(false));
        return future;
    }

    /** A future jobstate cannot follow: one error when the class loads, and it runs every time. */
    @Activity(type = "async")
    Future<Integer> plain() {
        Out.say("RAN default plain");
        return POOL.submit(() -> 5);
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.startsWith("--fail=")) {
                failing = List.of(arg.substring("--fail=".length()).split(","));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        AsyncBot bot = new AsyncBot();
        Path state = Path.of("sessions/job-state/default/async-" + LocalDate.now() + ".json");
        await("fetch-a", bot.fetch("a").thenApply(value -> {
            Out.say("SEEN fetch-a " + (listed(state, "fetch-a") ? "yes" : "no"));
            return value;
        }));
        await("fetch-bb", bot.fetch("bb"));
        await("ready", bot.ready());
        await("stage", bot.stage().toCompletableFuture());
        await("cancelled", bot.cancelled());
        await("plain", bot.plain());
        POOL.shutdown();
        Out.say("DONE");
    }

    private static void await(String id, Future<?> future) {
        try {
            Out.say("ACK default " + id + " " + future.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Out.say("CAUGHT default " + id + " " + e.getCause());
        } catch (TimeoutException e) {
            Out.say("HUNG default " + id);
        } catch (Exception e) {
            Out.say("CAUGHT default " + id + " " + e);
        }
    }

    private static boolean listed(Path state, String id) {
        try {
            return Files.exists(state) && Files.readString(state).contains("\"" + id + "\"");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
