package dev.jobstate;

import java.time.Instant;

/**
 * Thrown instead of running an {@link Activity#once() once} activity that started and never ended:
 * the process running it died in the middle, so whether its work happened is unknown, and running
 * it again might do it twice. Nothing runs it until an operator settles it:
 * {@code jobstate mark} when the work happened (calls then skip it), {@code jobstate unmark} when it
 * did not (the next call runs it). A bot that loops over activities catches it and moves on.
 */
public class InDoubtException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The account whose activity is in doubt. */
    private final String account;
    /** The activity's type. */
    private final String type;
    /** The activity's id. */
    private final String id;
    /** When the start without an end was recorded, or null when not known. */
    private final Instant startedAt;

    /**
     * @param account the account whose activity is in doubt
     * @param type the activity's type
     * @param id the activity's id
     * @param startedAt when its start was recorded, or null when not known
     */
    public InDoubtException(String account, String type, String id, Instant startedAt) {
        super(type + "/" + id + " of " + account + " started" + (startedAt == null ? "" : " at " + startedAt)
                + " and never ended (the process died in the middle, or another one is running it): it is in"
                + " doubt and does not run again until an operator settles it with `jobstate mark` (it happened)"
                + " or `jobstate unmark` (run it again), --account " + account + " --type " + type + " --id " + id);
        this.account = account;
        this.type = type;
        this.id = id;
        this.startedAt = startedAt;
    }

    /** @return the account whose activity is in doubt */
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

    /** @return when its start was recorded, or null when not known */
    public Instant getStartedAt() {
        return startedAt;
    }
}
