package bots;

import dev.jobstate.Activity;
import dev.jobstate.GaveUpException;
import java.io.IOException;
import java.util.List;

/**
 * {@code @Activity(maxAttempts)} and {@code @Activity(retries)} under the agent. {@code capped}
 * always fails; {@code flaky} fails on its first two runs in a JVM, then succeeds. Prints
 * {@code RAN <id> <n>} when a body runs, then for each call {@code ACK <id> <value>},
 * {@code THREW <id> <class>: <message>} or {@code GAVEUP <id> <attempts> <class>: <message>}.
 *
 * <p>{@code --capped-calls=N} calls {@code capped} N times (default 2). {@code --points} instead
 * calls {@code points}, a capped activity that returns an {@code int}, twice.
 */
public class AttemptsBot {

    private static int cappedRuns;
    private static int flakyRuns;

    @Activity(type = "attempts", maxAttempts = 2)
    static void capped() throws IOException {
        cappedRuns++;
        Out.say("RAN capped " + cappedRuns);
        throw new IOException("site down " + cappedRuns);
    }

    @Activity(type = "attempts", retries = 2, backoff = "10ms")
    static String flaky() throws IOException {
        flakyRuns++;
        Out.say("RAN flaky " + flakyRuns);
        if (flakyRuns < 3) {
            throw new IOException("flaky " + flakyRuns);
        }
        return "ok after " + flakyRuns + " runs";
    }

    @Activity(type = "attempts", maxAttempts = 1)
    static int points() throws IOException {
        Out.say("RAN points");
        throw new IOException("no points");
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--points")) {
            for (int i = 0; i < 2; i++) {
                try {
                    Out.say("ACK points " + points());
                } catch (GaveUpException e) {
                    Out.say("GAVEUP points " + e.getAttempts() + " " + e.getLastFailureClass() + ": "
                            + e.getLastFailureMessage());
                } catch (IOException e) {
                    Out.say("THREW points " + e.getClass().getName() + ": " + e.getMessage());
                }
            }
            Out.say("DONE");
            return;
        }
        int calls = 2;
        for (String arg : args) {
            if (arg.startsWith("--capped-calls=")) {
                calls = Integer.parseInt(arg.substring("--capped-calls=".length()));
            }
        }
        for (int i = 0; i < calls; i++) {
            try {
                capped();
                Out.say("ACK capped returned");
            } catch (GaveUpException e) {
                Out.say("GAVEUP capped " + e.getAttempts() + " " + e.getLastFailureClass() + ": "
                        + e.getLastFailureMessage());
            } catch (IOException e) {
                Out.say("THREW capped " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        try {
            Out.say("ACK flaky " + flaky());
        } catch (IOException e) {
            Out.say("THREW flaky " + e.getClass().getName() + ": " + e.getMessage());
        }
        Out.say("DONE");
    }
}
