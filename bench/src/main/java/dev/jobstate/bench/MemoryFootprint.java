package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.ObjectName;

/**
 * Heap the agent keeps per account-day: runs {@code accounts} accounts through 50 activities each,
 * as a farm's bot does in a day, and divides the growth of the heap (after full collections) by the
 * number of account-days. Run with the agent attached; {@link Targets} does. The bot itself keeps
 * nothing, so all the growth is what the agent retains to skip those activities later today.
 *
 * <p>Prints one line: {@code bytes-per-account-day <n> accounts <n> activities <n>}.
 */
public final class MemoryFootprint {

    static final int ACTIVITIES = 50;

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        BenchBot bot = new BenchBot();
        Agent.require(bot, "warm-up");
        runDay(bot, "warm-up");               // every class and cache the agent needs, loaded
        long before = usedHeapAfterGc();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> days = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String account = "farm-account-" + a + "@example.com";
            days.add(pool.submit(() -> runDay(bot, account)));
        }
        for (Future<?> day : days) {
            day.get();
        }
        pool.shutdown();
        days = null;
        long after = usedHeapAfterGc();

        int runsBeforeSkips = bot.runs();
        runDay(bot, "farm-account-0@example.com");
        if (bot.runs() != runsBeforeSkips) {
            throw new IllegalStateException("a completed day ran again: the agent did not keep it");
        }
        if (Boolean.getBoolean("jobstate.bench.histogram")) {
            printHistogram();
        }
        System.out.println("bytes-per-account-day " + (after - before) / accounts + " accounts " + accounts
                + " activities " + ACTIVITIES);
    }

    /** A day's activities, with ids as long as real ones ({@code quiz-offer-10017}). */
    private static void runDay(BenchBot bot, String account) {
        for (int i = 0; i < ACTIVITIES; i++) {
            bot.quiz(account, "offer-" + (10_000 + i));
        }
    }

    /** {@code -Djobstate.bench.histogram=true}: the live classes that take the most heap, to stderr. */
    private static void printHistogram() throws Exception {
        Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.toString().lines().limit(30).forEach(System.err::println);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
