package dev.jobstate.core.engine;

/**
 * One builder per thread for activity ids, so skipping a call builds its id without allocating.
 * Resolving an id can run host code (a getter in {@code {0.offerId}}) that calls another activity on
 * the same thread; the builder is lent, not shared, so such a call gets a fresh one.
 */
final class IdBuffer {

    private static final int KEPT_CAPACITY = 1024; // a rare huge id is not kept for the thread's life
    private static final ThreadLocal<StringBuilder> IDLE = ThreadLocal.withInitial(() -> new StringBuilder(64));

    private IdBuffer() {
    }

    static StringBuilder take() {
        StringBuilder builder = IDLE.get();
        if (builder == null) {
            return new StringBuilder(64);
        }
        IDLE.set(null);
        return builder;
    }

    static void give(StringBuilder builder) {
        if (builder.capacity() <= KEPT_CAPACITY) {
            builder.setLength(0);
            IDLE.set(builder);
        }
    }
}
