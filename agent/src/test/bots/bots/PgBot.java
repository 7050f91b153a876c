package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A bot for the PostgreSQL store's tests, run as several "machines": one thread per account, each
 * calling activity {@code item-<n>} of type {@code pg} for every n of the range. A body appends
 * {@code <account>/item-<n>/<worker>} to a shared side-effect file, with one append-only write, as
 * soon as it starts (so a body killed in its sleep still counts as having run), then sleeps and
 * returns the worker's name: the row's result says who ran it, and a skipped call's return says
 * whose result was replayed.
 *
 * <p>Prints {@code READY} once it waits for the go file, {@code CALL <account> <n>} before a call,
 * {@code RAN <account> <n> <epoch ms>} when a body starts, {@code ACK <account> <n> <value>} when a
 * call returned, {@code PAUSED <i>} and {@code HOLDING} while it waits for the test, {@code DONE}.
 *
 * <p>Arguments: {@code --accounts=a,b} (one thread each), {@code --ids=<from>-<to>} (to exclusive),
 * {@code --sleep-ms=} (body time), {@code --order=up|down|rotate:<k>} (rotate: start at the k-th id
 * and wrap), {@code --worker=}, {@code --effects=<file>}, {@code --go=<file>} (start once it exists),
 * {@code --signals=<folder>} with {@code --pause-at=<i>,<j>} (before the i-th call of a thread, wait
 * for {@code <folder>/resume-<i>}; meant for one account), {@code --hold} (at the end, wait for
 * {@code <folder>/release}) and {@code --body-until=<file>} (every body, after its sleep, waits for
 * that file: a body that lasts exactly as long as the test wants).
 */
public class PgBot {

    public static void main(String[] args) throws Exception {
        List<String> accounts = List.of("pg@example.com");
        int from = 0;
        int to = 10;
        long sleepMs = 50;
        String order = "up";
        String worker = "w";
        Path effects = null;
        Path go = null;
        Path signals = null;
        Set<Integer> pauseAt = new HashSet<>();
        boolean hold = false;
        Path bodyUntil = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--accounts=")) {
                accounts = List.of(value.split(","));
            } else if (arg.startsWith("--ids=")) {
                from = Integer.parseInt(value.substring(0, value.indexOf('-')));
                to = Integer.parseInt(value.substring(value.indexOf('-') + 1));
            } else if (arg.startsWith("--sleep-ms=")) {
                sleepMs = Long.parseLong(value);
            } else if (arg.startsWith("--order=")) {
                order = value;
            } else if (arg.startsWith("--worker=")) {
                worker = value;
            } else if (arg.startsWith("--effects=")) {
                effects = Path.of(value);
            } else if (arg.startsWith("--go=")) {
                go = Path.of(value);
            } else if (arg.startsWith("--signals=")) {
                signals = Path.of(value);
            } else if (arg.startsWith("--pause-at=")) {
                for (String i : value.split(",")) {
                    pauseAt.add(Integer.parseInt(i));
                }
            } else if (arg.startsWith("--body-until=")) {
                bodyUntil = Path.of(value);
            } else if (arg.equals("--hold")) {
                hold = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (effects == null) {
            throw new IllegalArgumentException("--effects= is required");
        }
        if (go != null) {
            Out.say("READY");
            awaitFile(go);
        }
        List<Integer> ids = ordered(from, to, order);
        PgBot bot = new PgBot(worker, effects, sleepMs, bodyUntil, signals, pauseAt);
        List<Thread> threads = new ArrayList<>();
        for (String account : accounts) {
            Thread thread = new Thread(() -> bot.runFor(account, ids), "pg-" + account);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (hold) {
            Out.say("HOLDING");
            awaitFile(signals.resolve("release"));
        }
        Out.say("DONE");
    }

    private static List<Integer> ordered(int from, int to, String order) {
        List<Integer> ids = new ArrayList<>();
        for (int id = from; id < to; id++) {
            ids.add(id);
        }
        if (order.equals("down")) {
            Collections.reverse(ids);
        } else if (order.startsWith("rotate:")) {
            Collections.rotate(ids, -Integer.parseInt(order.substring("rotate:".length())));
        } else if (!order.equals("up")) {
            throw new IllegalArgumentException("unknown order " + order);
        }
        return ids;
    }

    private static void awaitFile(Path file) {
        while (!Files.exists(file)) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private final String worker;
    private final Path effects;
    private final long sleepMs;
    private final Path bodyUntil;
    private final Path signals;
    private final Set<Integer> pauseAt;

    PgBot(String worker, Path effects, long sleepMs, Path bodyUntil, Path signals, Set<Integer> pauseAt) {
        this.worker = worker;
        this.effects = effects;
        this.sleepMs = sleepMs;
        this.bodyUntil = bodyUntil;
        this.signals = signals;
        this.pauseAt = pauseAt;
    }

    void runFor(@Account String account, List<Integer> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (pauseAt.contains(i)) {
                Out.say("PAUSED " + i);
                awaitFile(signals.resolve("resume-" + i));
            }
            int id = ids.get(i);
            Out.say("CALL " + account + " " + id);
            Out.say("ACK " + account + " " + id + " " + work(account, id));
        }
    }

    @Activity(type = "pg", id = "item-{1}")
    String work(String account, int id) {
        long started = System.currentTimeMillis();
        byte[] line = (account + "/item-" + id + "/" + worker + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            // O_APPEND: every machine's line lands whole at the end of the one shared file.
            Files.write(effects, line, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // After the effect: a test that sees RAN and then freezes this JVM finds the effect written.
        Out.say("RAN " + account + " " + id + " " + started);
        // parkNanos may return early; a 30 s body must really take 30 s for the lease tests.
        long end = System.nanoTime() + sleepMs * 1_000_000;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
        if (bodyUntil != null) {
            awaitFile(bodyUntil);
        }
        return worker;
    }
}
