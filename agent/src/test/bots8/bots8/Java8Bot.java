package bots8;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.Arrays;
import java.util.List;

/**
 * A bot built for Java 8 (class file version 52), as old bots ship. Prints {@code RAN <account> <id>}
 * per body run, {@code ACK <account> <id> <value>} per returned call, and {@code DONE}.
 */
public class Java8Bot {

    private final List<String> offers = Arrays.asList("o1", "o2");

    void runFor(@Account String account) {
        for (String offer : offers) {
            System.out.println("ACK " + account + " quiz-" + offer + " " + quiz(account, offer));
        }
    }

    @Activity(type = "legacy", id = "quiz-{1}")
    int quiz(String account, String offer) {
        System.out.println("RAN " + account + " quiz-" + offer);
        return offer.length() * 3;
    }

    public static void main(String[] args) {
        new Java8Bot().runFor("old@example.com");
        System.out.println("DONE");
    }
}
