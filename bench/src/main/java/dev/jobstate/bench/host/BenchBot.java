package dev.jobstate.bench.host;

import dev.jobstate.Account;
import dev.jobstate.Activity;

/**
 * The host the benchmarks call into, written as a user writes a bot: only the api's annotations.
 * With the agent attached it is instrumented like any bot; without it, it is plain Java.
 */
public class BenchBot {

    private int runs;

    /** A daily-set activity, as bots have dozens of: account from a parameter, id from another. */
    @Activity(type = "daily-set", id = "quiz-{1}")
    public void quiz(@Account String account, String offer) {
        runs++;
    }

    /** The same with a result, which a skipped call replays. */
    @Activity(type = "daily-set", id = "points-{1}")
    public int points(@Account String account, String offer) {
        runs++;
        return 10;
    }

    /** A bot's account object and offer, as the sample bot passes them. */
    public record Profile(String email) {
    }

    public record Offer(String offerId, int points) {
    }

    /** The sample bot's shape: the account a property of one parameter, the id a property of another. */
    @Activity(type = "daily-set", id = "offer-{1.offerId}")
    public int offer(@Account("email") Profile profile, Offer offer) {
        runs++;
        return offer.points();
    }

    /** One checkpoint per call: every {@code n} is a new activity. */
    @Activity(type = "work", id = "item-{1}")
    public void work(@Account String account, long n) {
        runs++;
    }

    /** One checkpoint per call into a day that already holds many ids with results, as a bot's day fills up. */
    @Activity(type = "day", id = "item-{1}")
    public int dayItem(@Account String account, long n) {
        runs++;
        return (int) (n % 97);
    }

    /** {@link #work} that must not happen twice: its start is made durable before it runs, its end after. */
    @Activity(type = "work", id = "once-{1}", once = true)
    public void workOnce(@Account String account, long n) {
        runs++;
    }

    /** Not an activity, in a class the agent instruments: the agent must leave it as it is. */
    public int plain(int x) {
        return x * 31 + runs;
    }

    /** How many times an activity body ran: the agent is attached if skipped calls do not count. */
    public int runs() {
        return runs;
    }
}
