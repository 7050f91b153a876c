package dev.jobstate.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The accounts of the methods with an {@code @Account} parameter that are still running on this
 * thread, innermost last. An activity with no account of its own belongs to the innermost one.
 */
final class AccountScope {

    /** What a scope holds: an account, or why its method's account could not be read. */
    record Entry(String account, String problem) {
    }

    private static final ThreadLocal<List<Entry>> OPEN = ThreadLocal.withInitial(ArrayList::new);

    private AccountScope() {
    }

    /** @return the depth to hand back to {@link #closeTo} when the method exits */
    static int open(Entry entry) {
        List<Entry> open = OPEN.get();
        open.add(entry);
        return open.size() - 1;
    }

    /** Closes the scope opened at {@code depth} and any an earlier failure left open above it. */
    static void closeTo(int depth) {
        List<Entry> open = OPEN.get();
        while (open.size() > depth) {
            open.remove(open.size() - 1);
        }
        if (open.isEmpty()) {
            OPEN.remove();
        }
    }

    /** The innermost entry, or null outside any scope. */
    static Entry innermost() {
        List<Entry> open = OPEN.get();
        Entry entry = open.isEmpty() ? null : open.get(open.size() - 1);
        if (open.isEmpty()) {
            OPEN.remove();
        }
        return entry;
    }
}
