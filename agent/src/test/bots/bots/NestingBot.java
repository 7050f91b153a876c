package bots;

import dev.jobstate.Activity;
import java.util.List;

/**
 * A parent activity that calls child activities and catches a child's failure, as bots do to move
 * on to the next offer. Prints {@code RAN default <id>} when a body starts, {@code CAUGHT default
 * <id> <message>} when the parent caught a child's exception, {@code ACK default parent <value>},
 * and {@code DONE}.
 *
 * <p>Arguments: {@code --fail=<child>} makes that child throw.
 */
public class NestingBot {

    private static List<String> failing = List.of();

    @Activity(type = "nest")
    String parent() {
        Out.say("RAN default parent");
        for (String child : List.of("c1", "c2", "c3")) {
            try {
                child(child);
            } catch (IllegalStateException e) {
                Out.say("CAUGHT default " + child + " " + e.getMessage());
            }
        }
        return "parent-done";
    }

    @Activity(type = "nest", id = "{0}")
    void child(String id) {
        Out.say("RAN default " + id);
        if (failing.contains(id)) {
            throw new IllegalStateException(id + " is down");
        }
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--fail=")) {
                failing = List.of(arg.substring("--fail=".length()).split(","));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        Out.say("ACK default parent " + new NestingBot().parent());
        Out.say("DONE");
    }
}
