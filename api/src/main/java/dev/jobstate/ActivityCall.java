package dev.jobstate;

import java.util.List;
import java.util.Objects;

/**
 * One activity called from code rather than through an {@code @Activity} method: its type, the
 * account and id of the call, and the same policy the annotation's attributes give. Immutable:
 * each method returns a changed copy, so a policy can be kept in a constant and given an account
 * and an id at each call. Made by {@link JobState#activity(String)}.
 */
public final class ActivityCall {

    private final String type;
    private final String account;
    private final String id;
    private final boolean once;
    private final int maxAttempts;
    private final int retries;
    private final String backoff;
    private final List<Class<?>> retryOn;

    private ActivityCall(String type, String account, String id, boolean once, int maxAttempts, int retries,
                         String backoff, List<Class<?>> retryOn) {
        this.type = type;
        this.account = account;
        this.id = id;
        this.once = once;
        this.maxAttempts = maxAttempts;
        this.retries = retries;
        this.backoff = backoff;
        this.retryOn = retryOn;
    }

    static ActivityCall of(String type) {
        Objects.requireNonNull(type, "type");
        return new ActivityCall(type, null, type, false, 0, 0, "1s", List.of());
    }

    /**
     * @param account the account of the call, or null for the enclosing one (see {@link JobState})
     * @return this call for {@code account}
     */
    public ActivityCall account(String account) {
        return new ActivityCall(type, account, id, once, maxAttempts, retries, backoff, retryOn);
    }

    /**
     * @param id the id within its type and day; not null
     * @return this call with {@code id}
     */
    public ActivityCall id(String id) {
        Objects.requireNonNull(id, "id");
        return new ActivityCall(type, account, id, once, maxAttempts, retries, backoff, retryOn);
    }

    /**
     * As {@link Activity#once()}: its start is saved before the body runs, and a start without an
     * end (the process died in the middle) is in doubt until an operator settles it.
     *
     * @return this call, at most once
     */
    public ActivityCall once() {
        return new ActivityCall(type, account, id, true, maxAttempts, retries, backoff, retryOn);
    }

    /**
     * As {@link Activity#maxAttempts()}.
     *
     * @param maxAttempts failed attempts a day before calls throw {@link GaveUpException}; 0 for no cap
     * @return this call with the cap
     */
    public ActivityCall maxAttempts(int maxAttempts) {
        return new ActivityCall(type, account, id, once, maxAttempts, retries, backoff, retryOn);
    }

    /**
     * As {@link Activity#retries()}, {@link Activity#backoff()} and {@link Activity#retryOn()}.
     *
     * @param retries how many times a failed call runs again within itself
     * @param backoff the first wait, such as {@code "500ms"} or {@code "2s"}, doubling after each failure
     * @param retryOn the exception classes that are retried (subclasses of {@code Exception}); none
     *     for every exception
     * @return this call with the retries
     * @throws IllegalArgumentException when one of {@code retryOn} is not an exception class
     */
    public ActivityCall retries(int retries, String backoff, Class<?>... retryOn) {
        for (Class<?> given : retryOn) {
            if (!Exception.class.isAssignableFrom(given)) {
                throw new IllegalArgumentException(given.getName() + " is not an Exception: retryOn takes exceptions");
            }
        }
        return new ActivityCall(type, account, id, once, maxAttempts, retries, Objects.requireNonNull(backoff),
                List.of(retryOn));
    }

    /**
     * Runs {@code body} as this activity, or returns what it returned the day it completed: see
     * {@link JobState#activity(String, String, String, JobState.Body)}.
     *
     * @param body the work
     * @param <T> what the work returns
     * @param <E> what it may throw
     * @return what {@code body} returned, now or when it completed
     * @throws E what {@code body} threw
     */
    public <T, E extends Exception> T call(JobState.Body<T, E> body) throws E {
        Objects.requireNonNull(body, "body");
        return JobState.Runtime.call(this, body, false);
    }

    /**
     * Runs {@code body} as this activity unless it completed today.
     *
     * @param body the work
     * @param <E> what it may throw
     * @throws E what {@code body} threw
     */
    public <E extends Exception> void run(JobState.Task<E> body) throws E {
        Objects.requireNonNull(body, "body");
        JobState.Runtime.call(this, () -> {
            body.run();
            return null;
        }, true);
    }

    /** @return the activity's type */
    public String type() {
        return type;
    }

    /** @return the account given, or null for the enclosing one */
    public String account() {
        return account;
    }

    /** @return the id within its type and day */
    public String id() {
        return id;
    }

    /** @return whether it is at most once */
    public boolean isOnce() {
        return once;
    }

    /** @return the cap on failed attempts a day, 0 for none */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return how many times a failed call runs again within itself */
    public int retries() {
        return retries;
    }

    /** @return the first wait before a retry */
    public String backoff() {
        return backoff;
    }

    /** @return the exceptions that are retried; empty for every exception */
    public List<Class<?>> retryOn() {
        return retryOn;
    }

    @Override
    public String toString() {
        return "activity " + type + "/" + id + (account == null ? "" : " of " + account);
    }
}
