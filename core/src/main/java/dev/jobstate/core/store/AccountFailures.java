package dev.jobstate.core.store;

/**
 * An account's failed attempts on one day, in every type, and the count an operator released it
 * from quarantine at ({@code jobstate release}); 0 when never released.
 */
public record AccountFailures(int failures, int releasedAt) {

    public static final AccountFailures NONE = new AccountFailures(0, 0);

    /** The failures that count towards a quarantine: those since the last release. */
    public int sinceRelease() {
        return Math.max(0, failures - releasedAt);
    }
}
