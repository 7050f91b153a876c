package bots;

import dev.jobstate.JobState;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A bot with no annotations and no agent: every activity is a {@code JobState.activity} call, as in
 * code no agent can reach. Prints {@code RAN <id>} when a body runs, {@code ACK <id> <value>} for
 * what each call returned, {@code FAILED <id> <exception>} when one threw, and {@code DONE}.
 *
 * <p>Arguments: {@code --ids=a,b,c}, {@code --hang-after=<id>} (print {@code HANGING} after that
 * activity returns and wait to be killed), {@code --fail=<id>} (that body throws a checked
 * {@code IOException}).
 */
public class CodeBot {

    public static void main(String[] args) {
        String[] ids = {"a", "b", "c", "d"};
        String hangAfter = null;
        String fail = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--ids=")) {
                ids = value.split(",");
            } else if (arg.startsWith("--hang-after=")) {
                hangAfter = value;
            } else if (arg.startsWith("--fail=")) {
                fail = value;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        for (String id : ids) {
            String failing = fail;
            try {
                String value = JobState.activity("code@example.com", "code", id, () -> {
                    Out.say("RAN " + id);
                    if (id.equals(failing)) {
                        throw new IOException("no network for " + id);
                    }
                    return "did-" + id + "-" + ProcessHandle.current().pid();
                });
                Out.say("ACK " + id + " " + value);
            } catch (IOException e) {
                Out.say("FAILED " + id + " " + e.getClass().getName() + ": " + e.getMessage());
            }
            if (id.equals(hangAfter)) {
                Out.say("HANGING");
                while (true) {
                    LockSupport.park();
                }
            }
        }
        Out.say("DONE");
    }
}
