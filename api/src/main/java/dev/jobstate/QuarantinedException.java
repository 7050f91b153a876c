package dev.jobstate;

/**
 * Thrown instead of running an {@link Activity} of an account that is in quarantine for the day:
 * its activities failed {@code jobState.quarantine.failuresPerDay} times today, so jobstate stops
 * running any of them until the next day, or until an operator runs
 * {@code jobstate release --account <account>}. A bot that loops over accounts catches it and moves
 * on to the next account, instead of hammering one that is broken or about to be banned. Activities
 * already done today are still skipped and replayed as usual.
 */
public class QuarantinedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The account in quarantine. */
    private final String account;
    /** Its failures today that count towards the quarantine. */
    private final int failures;
    /** The configured {@code failuresPerDay}. */
    private final int failuresPerDay;

    /**
     * @param account the account in quarantine
     * @param failures its failures today that count towards the quarantine
     * @param failuresPerDay the configured limit
     */
    public QuarantinedException(String account, int failures, int failuresPerDay) {
        super(account + " is in quarantine for today: its activities failed " + failures + " times, and"
                + " jobState.quarantine.failuresPerDay is " + failuresPerDay + "; nothing of it runs until"
                + " tomorrow or `jobstate release --account " + account + "`");
        this.account = account;
        this.failures = failures;
        this.failuresPerDay = failuresPerDay;
    }

    /** @return the account in quarantine */
    public String getAccount() {
        return account;
    }

    /** @return its failures today that count towards the quarantine */
    public int getFailures() {
        return failures;
    }

    /** @return the configured {@code jobState.quarantine.failuresPerDay} */
    public int getFailuresPerDay() {
        return failuresPerDay;
    }
}
