package dev.jobstate.core.engine;

import java.util.Arrays;

/**
 * The methods with an {@code @Account} parameter that are still running on this thread, innermost
 * last. An activity with no account of its own belongs to the innermost one.
 *
 * <p>Every call of such a method opens a scope, and many activities are such methods, so opening
 * and closing allocate nothing: a scope is the site and the arguments array the instrumentation
 * already made, pushed on a per-thread stack that lives as long as its thread. The account is read
 * from them only when an activity inside asks for it.
 */
final class AccountScope {

    /** What a scope holds: an account, or why its method's account could not be read. */
    record Entry(String account, String problem) {
    }

    private static final class Open {
        ScopeSite[] sites = new ScopeSite[8];
        Object[][] args = new Object[8][];
        int depth;
    }

    private static final ThreadLocal<Open> OPEN = ThreadLocal.withInitial(Open::new);

    private AccountScope() {
    }

    /** @return the depth to hand back to {@link #closeTo} when the method exits */
    static int open(ScopeSite site, Object[] args) {
        Open open = OPEN.get();
        if (open.depth == open.sites.length) {
            open.sites = Arrays.copyOf(open.sites, open.depth * 2);
            open.args = Arrays.copyOf(open.args, open.depth * 2);
        }
        open.sites[open.depth] = site;
        open.args[open.depth] = args;
        return open.depth++;
    }

    /** Closes the scope opened at {@code depth} and any an earlier failure left open above it. */
    static void closeTo(int depth) {
        Open open = OPEN.get();
        while (open.depth > depth) {
            open.depth--;
            open.sites[open.depth] = null; // holds no host object past its method
            open.args[open.depth] = null;
        }
    }

    /** The innermost scope's account, or null outside any scope. */
    static Entry innermost() {
        Open open = OPEN.get();
        if (open.depth == 0) {
            return null;
        }
        int top = open.depth - 1;
        return open.sites[top].enter(open.args[top]);
    }
}
