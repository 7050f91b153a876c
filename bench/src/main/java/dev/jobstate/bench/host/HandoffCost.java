package dev.jobstate.bench.host;

import dev.jobstate.Account;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.function.LongSupplier;

/**
 * What handing work to other threads costs once the agent has instrumented the JDK (the first
 * method with an {@code @Account} parameter does that): per task submitted to an executor, per
 * ForkJoin task forked, per thread started, outside any account's method and inside one. Run it with
 * and without {@code -javaagent:agent/target/jobstate.jar}; prints the median of the rounds after
 * the warm-up ones. No activity runs: this is the handing over alone.
 */
public final class HandoffCost {

    private static final int TASKS = 200_000;
    private static final int THREADS = 2_000;
    private static final int ROUNDS = 15;
    private static final int WARM_UP = 5;

    private HandoffCost() {
    }

    static void runFor(@Account String account, Runnable body) {
        body.run();
    }

    private static long submits(ExecutorService pool) {
        long started = System.nanoTime();
        try {
            Future<?> last = null;
            for (int i = 0; i < TASKS; i++) {
                last = pool.submit(() -> { });
            }
            last.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - started) / TASKS;
    }

    private static long forks() {
        long started = System.nanoTime();
        ForkJoinPool.commonPool().invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                List<RecursiveAction> tasks = new ArrayList<>(TASKS);
                for (int i = 0; i < TASKS; i++) {
                    tasks.add(new RecursiveAction() {
                        @Override
                        protected void compute() {
                        }
                    });
                }
                invokeAll(tasks);
            }
        });
        return (System.nanoTime() - started) / TASKS;
    }

    private static long threads() {
        long started = System.nanoTime();
        try {
            for (int i = 0; i < THREADS; i++) {
                Thread thread = new Thread(() -> { });
                thread.start();
                thread.join();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - started) / THREADS;
    }

    private static long inside(LongSupplier measure) {
        long[] result = new long[1];
        runFor("alice@example.com", () -> result[0] = measure.getAsLong());
        return result[0];
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    public static void main(String[] args) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        runFor("warm-up@example.com", () -> { });
        List<List<Long>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(new ArrayList<>());
        }
        for (int round = 0; round < ROUNDS; round++) {
            long[] round6 = {submits(pool), inside(() -> submits(pool)), forks(), inside(HandoffCost::forks),
                    threads(), inside(HandoffCost::threads)};
            if (round >= WARM_UP) {
                for (int i = 0; i < 6; i++) {
                    results.get(i).add(round6[i]);
                }
            }
        }
        pool.shutdown();
        System.out.printf("submit %d ns, inside a scope %d ns; fork %d ns, inside %d ns; thread start+join %.1f us,"
                        + " inside %.1f us%n", median(results.get(0)), median(results.get(1)), median(results.get(2)),
                median(results.get(3)), median(results.get(4)) / 1000.0, median(results.get(5)) / 1000.0);
    }
}
