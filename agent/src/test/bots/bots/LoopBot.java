package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A bot that keeps running while a test acts on its state from outside: it works through rounds
 * of activity ids, and waits before round {@code r > 1} until the file {@code go-<r>} exists.
 * Prints {@code RAN <id>} when a body runs and {@code ROUND <r>} when a round is over.
 *
 * <p>Arguments: {@code --account=}, {@code --plan=a,b,c;x;a,b,c} (rounds separated by {@code ;}).
 */
public class LoopBot {

    public static void main(String[] args) {
        String account = "loop@example.com";
        String plan = "a,b,c";
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--account=")) {
                account = value;
            } else if (arg.startsWith("--plan=")) {
                plan = value;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        String[] rounds = plan.split(";");
        for (int r = 1; r <= rounds.length; r++) {
            Path go = Path.of("go-" + r);
            while (r > 1 && !Files.exists(go)) {
                LockSupport.parkNanos(2_000_000);
            }
            new LoopBot().round(account, rounds[r - 1].split(","));
            Out.say("ROUND " + r);
        }
        Out.say("DONE");
    }

    void round(@Account String account, String[] ids) {
        for (String id : ids) {
            work(id);
        }
    }

    @Activity(type = "loop", id = "{0}")
    void work(String id) {
        Out.say("RAN " + id);
    }
}
