package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An account's work handed to other threads: an executor, a scheduled executor, the common pool,
 * {@code CompletableFuture.*Async}, a parallel stream, a thread started inside the account's scope,
 * and on JDK 21+ a virtual-thread-per-task executor. Each handoff runs {@code task(<name>)}, whose
 * account is only the enclosing {@code runFor}'s. Prints {@code RAN <account> <id>} when a body
 * starts (the account the bot meant, for the test to compare with the files), {@code DONE} at the end.
 *
 * <p>Arguments: {@code --accounts=a,b}; {@code --hand-rolled}: also hand a task to a worker thread
 * of the bot's own that takes work from a queue, which no agent can follow.
 */
public class HandoffBot {

    // Made before any account's scope opens, as a bot's pools usually are.
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final BlockingQueue<Runnable> QUEUE = new LinkedBlockingQueue<>();

    static final List<String> HANDOFFS = List.of("executor", "scheduled", "common-pool", "run-async",
            "supply-async", "parallel-1", "parallel-2", "parallel-3", "parallel-4", "thread", "virtual");

    @Activity(type = "handoff", id = "{1}")
    void task(String meant, String name) {
        Out.say("RAN " + meant + " " + name);
    }

    void runFor(@Account String account, boolean handRolled) throws Exception {
        POOL.submit(() -> task(account, "executor")).get();
        TIMER.schedule(() -> task(account, "scheduled"), 10, TimeUnit.MILLISECONDS).get();
        ForkJoinPool.commonPool().submit(() -> task(account, "common-pool")).get();
        CompletableFuture.runAsync(() -> task(account, "run-async")).join();
        CompletableFuture.supplyAsync(() -> {
            task(account, "supply-async");
            return 1;
        }).join();
        List.of(1, 2, 3, 4).parallelStream().forEach(i -> task(account, "parallel-" + i));
        Thread thread = new Thread(() -> task(account, "thread"));
        thread.start();
        thread.join();
        if (Runtime.version().feature() >= 21) {
            // Compiled for Java 17: the virtual-thread executor is reached by name.
            ExecutorService virtual = (ExecutorService) Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            virtual.submit(() -> task(account, "virtual")).get();
            virtual.shutdown();
        } else {
            task(account, "virtual"); // the same id on this thread, so both JDKs list the same ids
        }
        if (handRolled) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            QUEUE.put(() -> {
                task(account, "hand-rolled");
                done.complete(null);
            });
            done.get(30, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> accounts = List.of("alice@example.com", "bob@example.com");
        boolean handRolled = false;
        for (String arg : args) {
            if (arg.startsWith("--accounts=")) {
                accounts = List.of(arg.substring("--accounts=".length()).split(","));
            } else if (arg.equals("--hand-rolled")) {
                handRolled = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    QUEUE.take().run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hand-rolled-worker");
        worker.setDaemon(true);
        worker.start();
        HandoffBot bot = new HandoffBot();
        for (String account : accounts) {
            bot.runFor(account, handRolled);
        }
        POOL.shutdown();
        TIMER.shutdown();
        Out.say("DONE");
    }
}
