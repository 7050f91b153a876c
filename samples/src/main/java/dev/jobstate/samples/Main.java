package dev.jobstate.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the rewards bot for every account at once, one thread per account.
 *
 * <pre>
 * java [-javaagent:agent/target/jobstate.jar] -jar samples/target/rewards-bot.jar
 *      [--accounts a@x.com,b@y.com] [--fail &lt;id&gt;] [--crash &lt;id&gt;]
 * </pre>
 */
public final class Main {

    static final String USAGE = """
            usage: java [-javaagent:jobstate.jar] -jar rewards-bot.jar [options]
              --accounts a@x.com,b@y.com  accounts to run, in parallel (default alice@example.com,bob@example.com)
              --fail <id>[,<id>...]       these activities throw, so they are retried on the next run
              --crash <id>[,<id>...]      the JVM halts (exit 137) inside these activities, like a kill -9
              ids: daily-check-in, quiz-q1..q3, poll-p1..p2, search-1..8 (desktop; 1..4 also mobile),
                   promo-welcome-bonus, promo-streak-7""";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> accounts = new ArrayList<>(List.of("alice@example.com", "bob@example.com"));
        Set<String> fail = new LinkedHashSet<>();
        Set<String> crash = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 >= args.length || !List.of("--accounts", "--fail", "--crash").contains(option)) {
                System.err.println("unknown option or missing value: " + option + "\n" + USAGE);
                System.exit(2);
            }
            List<String> values = Arrays.stream(args[++i].split(",")).map(String::strip)
                    .filter(value -> !value.isEmpty()).toList();
            switch (option) {
                case "--accounts" -> accounts = new ArrayList<>(values);
                case "--fail" -> fail.addAll(values);
                default -> crash.addAll(values);
            }
        }

        RewardsBot bot = new RewardsBot(Set.copyOf(fail), Set.copyOf(crash));
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (String email : accounts) {
            // The thread is named after the account: every line the bot prints starts with it.
            Thread thread = new Thread(() -> bot.runFor(new Profile(email)), email);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        System.out.printf("%d account(s) done in %.1f s.%n", accounts.size(), (System.nanoTime() - started) / 1e9);
        if (bot.failures() > 0) {
            System.out.println(bot.failures() + " activities failed; run again to retry them.");
            System.exit(1);
        }
    }
}
