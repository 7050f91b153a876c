package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.QuarantinedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A bot that loops over its accounts, each calling the same five activities of two types, and moves
 * on to the next account when one is in quarantine. The accounts named by {@code --failing} fail
 * every activity. Prints {@code RAN <account> <id>} when a body runs, then {@code OK}, {@code FAILED}
 * or {@code QUARANTINED <account> <id> <failures>} for how the call ended, and {@code ROUND <r>} when
 * a round over all accounts is over; before round {@code r > 1} it waits until the file
 * {@code go-<r>} exists.
 *
 * <p>Arguments: {@code --accounts=bad,good}, {@code --failing=bad}, {@code --rounds=1}.
 */
public class QuarantineBot {

    static final List<String> IDS = List.of("d1", "p1", "d2", "p2", "d3");

    private final List<String> failing;

    QuarantineBot(List<String> failing) {
        this.failing = failing;
    }

    public static void main(String[] args) {
        List<String> accounts = List.of("bad", "good");
        List<String> failing = List.of("bad");
        int rounds = 1;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--accounts=")) {
                accounts = List.of(value.split(","));
            } else if (arg.startsWith("--failing=")) {
                failing = List.of(value.split(","));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        QuarantineBot bot = new QuarantineBot(failing);
        for (int r = 1; r <= rounds; r++) {
            Path go = Path.of("go-" + r);
            while (r > 1 && !Files.exists(go)) {
                LockSupport.parkNanos(2_000_000);
            }
            for (String account : accounts) {
                bot.runFor(account);
            }
            Out.say("ROUND " + r);
        }
        Out.say("DONE");
    }

    void runFor(@Account String account) {
        for (String id : IDS) {
            try {
                if (id.startsWith("d")) {
                    daily(account, id);
                } else {
                    punch(account, id);
                }
                Out.say("OK " + account + " " + id);
            } catch (QuarantinedException e) {
                Out.say("QUARANTINED " + account + " " + id + " " + e.getFailures());
            } catch (IllegalStateException e) {
                Out.say("FAILED " + account + " " + id);
            }
        }
    }

    @Activity(type = "daily-set", id = "{1}")
    void daily(String account, String id) {
        work(account, id);
    }

    @Activity(type = "punch-card", id = "{1}")
    void punch(String account, String id) {
        work(account, id);
    }

    private void work(String account, String id) {
        Out.say("RAN " + account + " " + id);
        if (failing.contains(account)) {
            throw new IllegalStateException(account + " is broken");
        }
    }
}
