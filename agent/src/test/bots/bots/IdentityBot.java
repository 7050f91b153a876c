package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;

/**
 * Ids and accounts built from values that have no {@code toString()} of their own, whose text
 * ({@code Offer@674bd420}) changes every run. Prints {@code RAN <account> <id>} per body run and
 * {@code DONE}.
 */
public class IdentityBot {

    /** No toString(): its text is its identity. */
    static final class Offer {
        final String offerId;

        Offer(String offerId) {
            this.offerId = offerId;
        }
    }

    /** No toString() either. */
    static final class Profile {
        final String email;

        Profile(String email) {
            this.email = email;
        }
    }

    @Activity(type = "ident", id = "quiz-{0}")
    int quiz(Offer offer) {
        Out.say("RAN default quiz-" + offer.offerId);
        return 1;
    }

    @Activity(type = "ident", id = "poll-{0.offerId}")
    int poll(Offer offer) {
        Out.say("RAN default poll-" + offer.offerId);
        return 2;
    }

    @Activity(type = "ident", id = "scores-{0}")
    void scores(int[] points) {
        Out.say("RAN default scores-" + points.length);
    }

    void runFor(@Account Profile profile) {
        checkIn(profile);
    }

    @Activity(type = "ident", id = "check-in")
    void checkIn(Profile profile) {
        Out.say("RAN " + profile.email + " check-in");
    }

    public static void main(String[] args) {
        IdentityBot bot = new IdentityBot();
        bot.quiz(new Offer("o1"));
        bot.poll(new Offer("o1"));
        bot.scores(new int[] {1, 2});
        bot.runFor(new Profile("alice@example.com"));
        Out.say("DONE");
    }
}
