package bots;

import dev.jobstate.Activity;
import dev.jobstate.InDoubtException;
import java.util.List;

/**
 * {@code @Activity(once = true)} under the agent: {@code pay} must not happen twice, {@code poll}
 * is an ordinary activity. Prints {@code RAN <id>} when a body runs, then per call
 * {@code ACK <id> <value>} or {@code INDOUBT <id> <startedAt>}, then {@code DONE}.
 *
 * <p>{@code --hang-pay} and {@code --hang-poll} make that body wait forever once it has said
 * {@code RAN}, for the test to kill the JVM inside it.
 */
public class OnceBot {

    private static boolean hangPay;
    private static boolean hangPoll;

    @Activity(type = "payments", once = true)
    static String pay() throws InterruptedException {
        Out.say("RAN pay");
        if (hangPay) {
            Thread.sleep(Long.MAX_VALUE);
        }
        return "receipt";
    }

    @Activity(type = "payments")
    static String poll() throws InterruptedException {
        Out.say("RAN poll");
        if (hangPoll) {
            Thread.sleep(Long.MAX_VALUE);
        }
        return "polled";
    }

    public static void main(String[] args) throws InterruptedException {
        hangPay = List.of(args).contains("--hang-pay");
        hangPoll = List.of(args).contains("--hang-poll");
        try {
            Out.say("ACK pay " + pay());
        } catch (InDoubtException e) {
            Out.say("INDOUBT pay " + e.getStartedAt());
        }
        Out.say("ACK poll " + poll());
        Out.say("DONE");
    }
}
