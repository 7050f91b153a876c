package dev.jobstate.samples;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the bot does for one account each day: the daily set, desktop and mobile searches, and
 * promotions.
 *
 * <p>The only jobstate-specific code is the annotations. {@code runFor}'s {@code @Account("email")}
 * makes every activity it calls, however deep, belong to that account. Each {@code @Activity}
 * method is one unit of work: with the agent attached, one that already completed today for the
 * account is skipped and returns the value it returned then. Without the agent everything runs.
 */
public class RewardsBot {

    static final List<Offer> QUIZZES = List.of(
            new Offer("q1", "Capitals of Europe", 10),
            new Offer("q2", "This day in history", 10),
            new Offer("q3", "Guess the animal", 10));
    static final List<Offer> POLLS = List.of(
            new Offer("p1", "Cats or dogs?", 5),
            new Offer("p2", "Tea or coffee?", 5));
    static final List<Offer> PROMOTIONS = List.of(
            new Offer("welcome-bonus", "Welcome bonus", 50),
            new Offer("streak-7", "7-day streak", 30));
    static final List<String> DESKTOP_QUERIES = List.of("weather tomorrow", "java records",
            "pasta recipe", "train times", "moon phase", "football scores", "jvm flags", "museum hours");
    static final List<String> MOBILE_QUERIES = List.of("coffee near me", "bus 42", "pharmacy open now",
            "cinema tonight");

    private final Set<String> failIds;
    private final Set<String> crashIds;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * Set by an activity's body when it runs. A skipped call never enters the body, so the call site
     * reads this to tell "ran" from "skipped"; the bot has no other way to know.
     */
    private final ThreadLocal<Boolean> bodyRan = ThreadLocal.withInitial(() -> false);

    /**
     * @param failIds activity ids whose body throws (--fail)
     * @param crashIds activity ids whose body halts the JVM (--crash)
     */
    public RewardsBot(Set<String> failIds, Set<String> crashIds) {
        this.failIds = failIds;
        this.crashIds = crashIds;
    }

    /** Does today's work for one account. Runs on a thread of its own, named after the account. */
    public void runFor(@Account("email") Profile profile) {
        Progress day = new Progress();

        day.attempt("daily-check-in", this::checkIn);
        for (Offer offer : QUIZZES) {
            day.attempt("quiz-" + offer.offerId(), () -> quiz(offer));
        }
        for (Offer offer : POLLS) {
            day.attempt("poll-" + offer.offerId(), () -> poll(offer));
        }
        for (int n = 1; n <= DESKTOP_QUERIES.size(); n++) {
            int nth = n;
            day.attempt("desktop search-" + n, () -> desktopSearch(nth, DESKTOP_QUERIES.get(nth - 1)));
        }
        for (int n = 1; n <= MOBILE_QUERIES.size(); n++) {
            int nth = n;
            day.attempt("mobile search-" + n, () -> mobileSearch(nth, MOBILE_QUERIES.get(nth - 1)));
        }
        for (Offer offer : PROMOTIONS) {
            day.attempt("promo-" + offer.offerId(), () -> promotion(offer));
        }

        say(String.format("done for today: %d points (%d ran, %d skipped, %d failed)",
                day.points, day.ran, day.skipped, day.failed));
    }

    // ---- The activities. Each body does its work, then returns what it earned. ----

    @Activity(type = "daily-set", id = "daily-check-in")
    int checkIn() {
        work("daily-check-in", 50);
        return 5;
    }

    @Activity(type = "daily-set", id = "quiz-{0.offerId}")
    int quiz(Offer offer) {
        work("quiz-" + offer.offerId(), 120);
        return offer.points();
    }

    @Activity(type = "daily-set", id = "poll-{0.offerId}")
    int poll(Offer offer) {
        work("poll-" + offer.offerId(), 80);
        return offer.points();
    }

    /** The n-th desktop search of the day; its id is {@code search-<n>} in {@code desktop-search}. */
    @Activity(type = "desktop-search", id = "search-{0}")
    SearchResult desktopSearch(int n, String query) {
        work("search-" + n, 70);
        return new SearchResult(query, 3);
    }

    @Activity(type = "mobile-search", id = "search-{0}")
    SearchResult mobileSearch(int n, String query) {
        work("search-" + n, 70);
        return new SearchResult(query, 3);
    }

    @Activity(type = "promotions", id = "promo-{0.offerId}")
    int promotion(Offer offer) {
        work("promo-" + offer.offerId(), 150);
        return offer.points();
    }

    /** Stands in for the real work: a short pause, and the failure or crash asked for on the command line. */
    private void work(String id, long millis) {
        bodyRan.set(true);
        if (crashIds.contains(id)) {
            say(id + ": crashing here (--crash): Runtime.halt(137)");
            Runtime.getRuntime().halt(137);
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failIds.contains(id)) {
            throw new IllegalStateException("simulated failure (--fail " + id + ")");
        }
    }

    /** How many activities failed, over all accounts. */
    public int failures() {
        return failures.get();
    }

    /** Prints one line prefixed with the account, which is the thread's name. */
    static void say(String line) {
        System.out.println("[" + Thread.currentThread().getName() + "] " + line);
    }

    /** One account's day so far, and the call site of every activity. */
    private final class Progress {
        int points;
        int ran;
        int skipped;
        int failed;

        /** Calls one activity and prints one line: what it earned, and whether its body ran. */
        void attempt(String label, Callable<?> activity) {
            bodyRan.set(false);
            try {
                Object result = activity.call();
                int earned;
                String what;
                if (result instanceof SearchResult search) {
                    earned = search.points();
                    what = "+" + earned + " points for \"" + search.query() + "\"";
                } else {
                    earned = result instanceof Integer number ? number : 0;
                    what = "+" + earned + " points";
                }
                points += earned;
                if (bodyRan.get()) {
                    ran++;
                    say(label + ": " + what + " (ran)");
                } else {
                    skipped++;
                    say(label + ": " + what + " (skipped: done earlier today, result replayed)");
                }
            } catch (Exception e) {
                failed++;
                failures.incrementAndGet();
                say(label + ": FAILED (" + e.getMessage() + "); it runs again next time");
            }
        }
    }
}
