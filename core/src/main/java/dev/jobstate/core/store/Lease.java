package dev.jobstate.core.store;

/**
 * A worker's exclusive right to run one activity, from a store shared by several workers. Its
 * fencing token grows with every claim, so a store can refuse a completion from a worker whose
 * lease ran out and passed to another.
 *
 * @param fence the token, or 0 for {@link #NONE}
 */
public record Lease(long fence) {

    /** No lease: a store with one writer per day (the file store), an operator's change, a fallback. */
    public static final Lease NONE = new Lease(0);

    public boolean isNone() {
        return fence == 0;
    }
}
