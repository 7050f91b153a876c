package dev.jobstate;

/**
 * Thrown instead of running an {@link Activity} that has failed {@link Activity#maxAttempts()}
 * times today for its account: jobstate gave up on it for the day. It carries how the activity
 * last failed. The next day starts afresh; {@code jobstate unmark} gives the attempts back sooner.
 */
public class GaveUpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The account the activity ran for. */
    private final String account;
    /** The activity's type. */
    private final String type;
    /** The activity's id. */
    private final String id;
    /** How many times it failed today. */
    private final int attempts;
    /** The class name of the exception its last attempt threw. */
    private final String lastFailureClass;
    /** That exception's message, or null. */
    private final String lastFailureMessage;

    /**
     * @param account the account the activity ran for
     * @param type the activity's type
     * @param id the activity's id
     * @param attempts how many times it failed today
     * @param lastFailureClass the class name of the exception its last attempt threw
     * @param lastFailureMessage that exception's message, or null
     */
    public GaveUpException(String account, String type, String id, int attempts, String lastFailureClass,
                           String lastFailureMessage) {
        super(type + "/" + id + " failed " + attempts + (attempts == 1 ? " time" : " times") + " today for "
                + account + ", its maxAttempts; not run again today. Last failure: " + lastFailureClass
                + (lastFailureMessage == null ? "" : ": " + lastFailureMessage));
        this.account = account;
        this.type = type;
        this.id = id;
        this.attempts = attempts;
        this.lastFailureClass = lastFailureClass;
        this.lastFailureMessage = lastFailureMessage;
    }

    /** @return the account the activity ran for */
    public String getAccount() {
        return account;
    }

    /** @return the activity's type */
    public String getType() {
        return type;
    }

    /** @return the activity's id */
    public String getId() {
        return id;
    }

    /** @return how many times the activity failed today */
    public int getAttempts() {
        return attempts;
    }

    /** @return the class name of the exception the last attempt threw */
    public String getLastFailureClass() {
        return lastFailureClass;
    }

    /** @return the message of the exception the last attempt threw, or null */
    public String getLastFailureMessage() {
        return lastFailureMessage;
    }
}
