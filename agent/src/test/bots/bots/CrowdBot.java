package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Many small activities of one account and type from several threads, for crash and concurrency
 * tests. Thread {@code t} of {@code n} takes the ids {@code i} of the range with {@code i % n == t}.
 * Prints {@code RAN <id>} when a body starts and {@code ACK <id> <value>} when the call returned,
 * {@code READY} once it waits for the go file, {@code DONE} at the end.
 *
 * <p>Arguments: {@code --account=}, {@code --ids=<from>-<to>} (to exclusive), {@code --threads=},
 * {@code --sleep-ms=} (time each body takes), {@code --reverse} (take the ids from the top),
 * {@code --go=<file>} (start only once that file exists, so several JVMs start together).
 */
public class CrowdBot {

    public static void main(String[] args) throws Exception {
        String account = "crowd@example.com";
        int from = 0;
        int to = 100;
        int threads = 4;
        long sleepMs = 2;
        boolean reverse = false;
        Path go = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--account=")) {
                account = value;
            } else if (arg.startsWith("--ids=")) {
                from = Integer.parseInt(value.substring(0, value.indexOf('-')));
                to = Integer.parseInt(value.substring(value.indexOf('-') + 1));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(value);
            } else if (arg.startsWith("--sleep-ms=")) {
                sleepMs = Long.parseLong(value);
            } else if (arg.equals("--reverse")) {
                reverse = true;
            } else if (arg.startsWith("--go=")) {
                go = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (go != null) {
            Out.say("READY");
            while (!Files.exists(go)) {
                LockSupport.parkNanos(500_000);
            }
        }
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = new ArrayList<>();
            for (int id = from; id < to; id++) {
                if ((id - from) % threads == t) {
                    mine.add(id);
                }
            }
            if (reverse) {
                Collections.reverse(mine);
            }
            String who = account;
            long sleep = sleepMs;
            Thread worker = new Thread(() -> new CrowdBot(sleep).runFor(who, mine), "crowd-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Out.say("DONE");
    }

    private final long sleepMs;

    CrowdBot(long sleepMs) {
        this.sleepMs = sleepMs;
    }

    void runFor(@Account String account, List<Integer> ids) {
        for (int id : ids) {
            Out.say("ACK " + id + " " + work(id));
        }
    }

    @Activity(type = "crowd", id = "item-{0}")
    int work(int id) {
        Out.say("RAN " + id);
        LockSupport.parkNanos(sleepMs * 1_000_000);
        return id * 7;
    }
}
