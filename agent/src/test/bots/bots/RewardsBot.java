package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small rewards bot, written the way users write them: one thread per account, a daily set of
 * check-in, quizzes and polls, searches, promotions, mobile searches on a worker pool, and a clean-up
 * at the end. It knows nothing about jobstate beyond the two annotations.
 *
 * <p>It prints one line per event, flushed, for the tests to read:
 * <ul>
 *   <li>{@code RAN <account> <id>} when an activity's body starts;</li>
 *   <li>{@code ACK <account> <id> <value>} when a call returned to the bot;</li>
 *   <li>{@code CAUGHT <account> <id> <exception class> same=<true|false> <message>} when a call threw,
 *       {@code same} saying whether it is the very object the body threw;</li>
 *   <li>{@code DONE} when every account finished.</li>
 * </ul>
 *
 * <p>Arguments: {@code --accounts=a@x,b@x} (one thread each), {@code --run=N} (a value the results
 * carry, so a replayed result can be told from a recomputed one), {@code --fail=id,id} (those
 * activities throw), {@code --halt=id} ({@code Runtime.halt(1)} inside that activity's body).
 */
public class RewardsBot {

    public record Profile(String email, String displayName) {
    }

    public record Offer(String offerId, String title, int points) {
    }

    public record Answer(String offerId, String choice, int points) {
    }

    public record SearchHit(String query, int rank, String url) {
    }

    /** What the promotions site answers for a code that is no longer valid. */
    public static final class OfferExpiredException extends Exception {
        public OfferExpiredException(String message) {
            super(message);
        }
    }

    static final List<Offer> QUIZZES = List.of(
            new Offer("q1", "Space quiz", 10), new Offer("q2", "Ocean quiz", 10), new Offer("q3", "Film quiz", 30));
    static final List<Offer> POLLS = List.of(new Offer("p1", "Favourite season", 5));
    static final List<String> PROMOS = List.of("spring", "summer");

    static int run = 1;
    static Set<String> failing = Set.of();
    static String haltIn = "";

    /** The exception each thread's last failing activity threw, to check the caller got that very one. */
    private static final ThreadLocal<Throwable> THROWN = new ThreadLocal<>();

    private final Profile profile;

    RewardsBot(Profile profile) {
        this.profile = profile;
    }

    public static void main(String[] args) throws Exception {
        List<String> accounts = List.of("alice@example.com");
        for (String arg : args) {
            if (arg.startsWith("--accounts=")) {
                accounts = List.of(value(arg).split(","));
            } else if (arg.startsWith("--run=")) {
                run = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--fail=")) {
                failing = new LinkedHashSet<>(Arrays.asList(value(arg).split(",")));
            } else if (arg.startsWith("--halt=")) {
                haltIn = value(arg);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> problems = new ArrayList<>();
        for (String email : accounts) {
            Profile profile = new Profile(email, email.substring(0, email.indexOf('@')));
            Thread thread = new Thread(() -> new RewardsBot(profile).runFor(profile), "bot-" + email);
            thread.setUncaughtExceptionHandler((t, e) -> {
                synchronized (problems) {
                    problems.add(e);
                }
                e.printStackTrace();
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // After the accounts' threads: no account is in scope here, so these name theirs by parameter
        // or fall back to the default account.
        for (String email : accounts) {
            Profile profile = new Profile(email, "");
            Out.say("ACK " + email + " redeem-gift-card " + redeem(profile, "gift-card"));
        }
        cleanUp();
        Out.say("ACK - cleanup null");
        Out.say("DONE");
        if (!problems.isEmpty()) {
            System.exit(3);
        }
    }

    /** Everything one account does in a day. Its {@code @Account} parameter is the account of all it calls. */
    void runFor(@Account("email") Profile who) {
        ack("check-in", checkIn());
        for (Offer quiz : QUIZZES) {
            ack("quiz-" + quiz.offerId(), quiz(quiz));
        }
        for (Offer poll : POLLS) {
            ack("poll-" + poll.offerId(), poll(poll));
        }
        ack("streak-bonus", streakBonus());
        ack("daily-bonus", claimDailyBonus());
        markSeen();
        ack("mark-seen", "void");
        for (int batch = 1; batch <= 2; batch++) {
            ack("search-" + batch, search(batch));
        }
        for (String code : PROMOS) {
            try {
                ack("promo-" + code, claimPromo(code));
            } catch (OfferExpiredException | RuntimeException e) {
                Out.say("CAUGHT " + who.email() + " promo-" + code + " " + e.getClass().getName()
                        + " same=" + (e == THROWN.get()) + " " + e.getMessage());
            }
        }
        mobileSearches(who);
    }

    /** Mobile searches run on a worker pool: no account is in scope there, the session's field names it. */
    private void mobileSearches(Profile who) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            MobileSession session = new MobileSession(who);
            List<Future<Integer>> results = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                int page = n;
                results.add(pool.submit(() -> session.mobileSearch(page)));
            }
            for (int n = 1; n <= 2; n++) {
                ack("mobile-" + n, results.get(n - 1).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    @Activity(type = "daily-set", id = "check-in")
    int checkIn() {
        ran("check-in");
        return 100 + run;
    }

    @Activity(type = "daily-set", id = "quiz-{0.offerId}")
    Answer quiz(Offer offer) {
        ran("quiz-" + offer.offerId());
        return new Answer(offer.offerId(), "B-run" + run, offer.points());
    }

    /** By parameter name: needs the bot compiled with {@code -parameters}. */
    @Activity(type = "daily-set", id = "poll-{offer.offerId}")
    String poll(Offer offer) {
        ran("poll-" + offer.offerId());
        return "voted-" + offer.offerId() + "-run" + run;
    }

    /** No bonus today: a recorded null. */
    @Activity(type = "daily-set", id = "streak-bonus")
    Integer streakBonus() {
        ran("streak-bonus");
        return null;
    }

    @Activity(type = "daily-set", id = "daily-bonus")
    boolean claimDailyBonus() {
        ran("daily-bonus");
        return true;
    }

    @Activity(type = "daily-set", id = "mark-seen")
    void markSeen() {
        ran("mark-seen");
    }

    @Activity(type = "desktop-search", id = "search-{0}")
    List<SearchHit> search(int batch) {
        ran("search-" + batch);
        return List.of(new SearchHit("news " + batch + " run" + run, 1, "https://example.com/" + batch),
                new SearchHit("weather " + batch, 2, "https://example.com/w"));
    }

    @Activity(type = "promotions", id = "promo-{0}")
    String claimPromo(String code) throws OfferExpiredException {
        ran("promo-" + code);
        if (failing.contains("promo-" + code)) {
            OfferExpiredException expired = new OfferExpiredException("offer " + code + " expired at 09:00");
            THROWN.set(expired);
            throw expired;
        }
        return "coupon-" + code + "-run" + run;
    }

    /** The account comes from the parameter: this runs on the main thread, outside any account. */
    @Activity(type = "promotions", id = "redeem-{1}")
    static String redeem(@Account("email") Profile who, String reward) {
        ran(who.email(), "redeem-" + reward);
        return reward + "-for-" + who.email() + "-run" + run;
    }

    /** No account anywhere: the default account's. */
    @Activity(type = "maintenance", id = "cleanup")
    static void cleanUp() {
        ran("-", "cleanup");
    }

    static final class MobileSession {

        @Account("email")
        private final Profile profile;

        MobileSession(Profile profile) {
            this.profile = profile;
        }

        @Activity(type = "mobile-search", id = "mobile-{0}")
        int mobileSearch(int page) {
            ran(profile.email(), "mobile-" + page);
            return page * 1000 + run;
        }
    }

    private void ran(String id) {
        ran(profile.email(), id);
    }

    static void ran(String account, String id) {
        Out.say("RAN " + account + " " + id);
        if (id.equals(haltIn)) {
            Runtime.getRuntime().halt(1);
        }
    }

    private void ack(String id, Object value) {
        Out.say("ACK " + profile.email() + " " + id + " " + value);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
