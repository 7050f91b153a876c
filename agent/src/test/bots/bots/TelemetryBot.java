package bots;

import dev.jobstate.Activity;
import dev.jobstate.GaveUpException;
import java.io.IOException;
import java.util.List;

/**
 * A call of each kind the telemetry tells apart, in this order: {@code daily} runs and then is
 * skipped, {@code broken} fails and then is given up on, {@code lost} cannot tell its id and runs
 * untracked, {@code pay} is a once activity (two durable writes: its start, then its outcome).
 * Prints {@code RAN <id>} when a body runs, then {@code DONE}; with {@code --mbean}, then waits for
 * jobstate's MBean and prints its attributes ({@link MBeanProbe}).
 */
public class TelemetryBot {

    @Activity(type = "telemetry")
    static String daily() {
        Out.say("RAN daily");
        return "done";
    }

    @Activity(type = "telemetry", maxAttempts = 1)
    static void broken() throws IOException {
        Out.say("RAN broken");
        throw new IOException("site down");
    }

    @Activity(type = "telemetry", id = "lost-{0.noSuchProperty}")
    static void lost(String what) {
        Out.say("RAN lost");
    }

    @Activity(type = "telemetry", once = true)
    static String pay() {
        Out.say("RAN pay");
        return "receipt";
    }

    public static void main(String[] args) throws Exception {
        daily();
        daily();
        for (int i = 0; i < 2; i++) {
            try {
                broken();
            } catch (IOException | GaveUpException e) {
                Out.say("CAUGHT broken " + e.getClass().getSimpleName());
            }
        }
        lost("x");
        pay();
        Out.say("DONE");
        if (List.of(args).contains("--mbean")) {
            MBeanProbe.print();
        }
    }
}
