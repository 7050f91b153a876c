package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Accounts whose methods run at the same time, each handing its work to the same pools: a fixed
 * pool's {@code execute}, a cached pool made inside the first account's method (so its threads are
 * made there), a single-thread executor, a fixed-rate schedule, a ForkJoin pool whose tasks fork
 * more, {@code CompletableFuture} stages on an executor and on the common pool, a virtual thread on
 * JDK 21+. Then, outside any account's method, work handed to the same pools, whose threads all ran
 * accounts' work before: it must be the default account's. Prints {@code RAN <account> <id>} when a
 * body runs (the account the bot meant), {@code DONE} at the end.
 *
 * <p>Arguments: {@code --accounts=a,b}; {@code --no-scope}: only call an activity from main, outside
 * any method with an {@code @Account} parameter.
 */
public class PoolsBot {

    static final List<String> IDS = List.of("execute", "cached", "single", "fixed-rate", "fork-0", "fork-1",
            "fork-2", "fork-3", "supply-executor", "then-apply-async", "then-accept-executor", "virtual-thread");
    static final List<String> AFTER = List.of("after-execute", "after-cached", "after-single", "after-scheduled",
            "after-fork-join", "after-common-pool");

    private static final ExecutorService FIXED = Executors.newFixedThreadPool(2);
    private static final ExecutorService SINGLE = Executors.newSingleThreadExecutor();
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1);
    private static final ForkJoinPool FORK_JOIN = new ForkJoinPool(2);
    private static ExecutorService cached;

    @Activity(type = "pools", id = "{1}")
    void task(String meant, String name) {
        Out.say("RAN " + meant + " " + name);
    }

    private static synchronized ExecutorService cached() {
        if (cached == null) {
            cached = Executors.newCachedThreadPool();
        }
        return cached;
    }

    /** Splits until one id is left, forking half on the pool's threads. */
    final class Split extends RecursiveAction {
        private final String account;
        private final int from;
        private final int to;

        Split(String account, int from, int to) {
            this.account = account;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                task(account, "fork-" + from);
            } else {
                int middle = (from + to) / 2;
                invokeAll(new Split(account, from, middle), new Split(account, middle, to));
            }
        }
    }

    void runFor(@Account String account) throws Exception {
        CountDownLatch executed = new CountDownLatch(1);
        FIXED.execute(() -> {
            task(account, "execute");
            executed.countDown();
        });
        executed.await();
        cached().submit(() -> task(account, "cached")).get();
        SINGLE.submit(() -> task(account, "single")).get();
        CountDownLatch periods = new CountDownLatch(3); // the same activity: it runs once, then is skipped
        ScheduledFuture<?> rate = TIMER.scheduleAtFixedRate(() -> {
            task(account, "fixed-rate");
            periods.countDown();
        }, 0, 5, TimeUnit.MILLISECONDS);
        periods.await();
        rate.cancel(false);
        FORK_JOIN.invoke(new Split(account, 0, 4));
        CompletableFuture.supplyAsync(() -> {
            task(account, "supply-executor");
            return 1;
        }, FIXED).thenApplyAsync(one -> {
            task(account, "then-apply-async");
            return one;
        }).thenAcceptAsync(one -> task(account, "then-accept-executor"), SINGLE).join();
        if (Runtime.version().feature() >= 21) {
            // Compiled for Java 17: reached by name.
            Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                    .invoke(null, (Runnable) () -> task(account, "virtual-thread"));
            virtual.join();
        } else {
            task(account, "virtual-thread");
        }
    }

    /** Outside any account's method, on threads that all ran accounts' work before. */
    void afterwards() throws Exception {
        String nobody = "default";
        CountDownLatch executed = new CountDownLatch(1);
        FIXED.execute(() -> {
            task(nobody, "after-execute");
            executed.countDown();
        });
        executed.await();
        cached().submit(() -> task(nobody, "after-cached")).get();
        SINGLE.submit(() -> task(nobody, "after-single")).get();
        TIMER.schedule(() -> task(nobody, "after-scheduled"), 1, TimeUnit.MILLISECONDS).get();
        FORK_JOIN.submit(() -> task(nobody, "after-fork-join")).get();
        CompletableFuture.runAsync(() -> task(nobody, "after-common-pool")).join();
    }

    public static void main(String[] args) throws Exception {
        List<String> accounts = List.of("alice@example.com", "bob@example.com");
        boolean noScope = false;
        for (String arg : args) {
            if (arg.startsWith("--accounts=")) {
                accounts = List.of(arg.substring("--accounts=".length()).split(","));
            } else if (arg.equals("--no-scope")) {
                noScope = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        PoolsBot bot = new PoolsBot();
        if (noScope) {
            bot.task("default", "solo");
        } else {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (String account : accounts) {
                Thread thread = new Thread(() -> {
                    try {
                        bot.runFor(account);
                    } catch (Throwable t) {
                        synchronized (failures) {
                            failures.add(t);
                        }
                    }
                }, "runs-" + account);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("an account's run failed", failures.get(0));
            }
            bot.afterwards();
        }
        FIXED.shutdown();
        SINGLE.shutdown();
        TIMER.shutdown();
        FORK_JOIN.shutdown();
        if (cached != null) {
            cached.shutdown();
        }
        Out.say("DONE");
    }
}
