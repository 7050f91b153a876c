package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.JobState;
import java.util.concurrent.locks.LockSupport;

/**
 * A bot that starts jobstate from its own code: {@code JobState.install()} first thing in main (this
 * class is loaded by then, so the agent has to retransform it), then its activities. Prints
 * {@code INSTALLED <true|false>} for each install, {@code RAN <id>} when a body runs,
 * {@code ACK <id> <value>} for what each call returned, and {@code DONE}.
 *
 * <p>Arguments: {@code --ids=a,b,c}, {@code --twice} (install twice), {@code --hang-after=<id>}
 * (print {@code HANGING} after that activity returns and wait to be killed).
 */
public class InstallBot {

    public static void main(String[] args) {
        String[] ids = {"a", "b", "c", "d"};
        boolean twice = false;
        String hangAfter = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--ids=")) {
                ids = value.split(",");
            } else if (arg.equals("--twice")) {
                twice = true;
            } else if (arg.startsWith("--hang-after=")) {
                hangAfter = value;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        Out.say("INSTALLED " + JobState.install());
        if (twice) {
            Out.say("INSTALLED " + JobState.install());
        }
        new InstallBot().run("install@example.com", ids, hangAfter);
        Out.say("DONE");
    }

    void run(@Account String account, String[] ids, String hangAfter) {
        for (String id : ids) {
            Out.say("ACK " + id + " " + work(id));
            if (id.equals(hangAfter)) {
                Out.say("HANGING");
                while (true) {
                    LockSupport.park();
                }
            }
        }
    }

    @Activity(type = "install", id = "{0}")
    String work(String id) {
        Out.say("RAN " + id);
        return "did-" + id + "-" + ProcessHandle.current().pid();
    }
}
