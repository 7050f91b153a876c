package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.concurrent.TimeUnit;

/**
 * A bot that keeps working while a page watches it: every {@code --every} milliseconds a round
 * calls {@code task-1} to {@code task-n}, n one more each round up to {@code --tasks}, so each round
 * checkpoints one new task and calls the done ones again (skipped, unless an operator unmarked one).
 * Prints {@code RAN <id>} when a body runs and {@code SAVED <id>} once that call returned, its
 * checkpoint durable. Stops after {@code --minutes}, in case a test forgets it.
 *
 * <p>Arguments: {@code --account=}, {@code --every=<ms>}, {@code --tasks=<n>}, {@code --minutes=<n>}.
 */
public class LiveBot {

    private String ran;

    public static void main(String[] args) throws InterruptedException {
        String account = "live@example.com";
        long every = 1000;
        int tasks = 1000;
        long minutes = 5;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--account=")) {
                account = value;
            } else if (arg.startsWith("--every=")) {
                every = Long.parseLong(value);
            } else if (arg.startsWith("--tasks=")) {
                tasks = Integer.parseInt(value);
            } else if (arg.startsWith("--minutes=")) {
                minutes = Long.parseLong(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        LiveBot bot = new LiveBot();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        for (int round = 1; System.nanoTime() < end; round++) {
            bot.round(account, Math.min(round, tasks));
            Thread.sleep(every);
        }
        Out.say("DONE");
    }

    void round(@Account String account, int tasks) {
        for (int i = 1; i <= tasks; i++) {
            String id = "task-" + i;
            ran = null;
            work(id);
            if (id.equals(ran)) {
                Out.say("SAVED " + id);
            }
        }
    }

    @Activity(type = "live", id = "{0}")
    void work(String id) {
        Out.say("RAN " + id);
        ran = id;
    }
}
