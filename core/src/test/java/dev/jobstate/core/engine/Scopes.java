package dev.jobstate.core.engine;

import dev.jobstate.Account;

/**
 * Opens and reads account scopes as the agent's advice does, for tests outside this package (the
 * agent's) that need a thread inside an account's method without instrumenting one.
 */
public final class Scopes {

    private static final ScopeSite RUN_FOR = EngineCalls.scope(Scopes.class, "runFor");

    private Scopes() {
    }

    @SuppressWarnings("unused") // its @Account parameter is what the scope site reads
    private static void runFor(@Account String account) {
    }

    /** Enters {@code runFor(account)} on this thread; returns the depth to {@link #close}. */
    public static int open(String account) {
        return ThreadContext.open(RUN_FOR, new Object[] {account});
    }

    public static void close(int depth) {
        ThreadContext.closeTo(depth);
    }

    /** The account an activity on this thread without one of its own would take from a scope, or null. */
    public static String account() {
        ThreadContext.Entry entry = ThreadContext.innermost();
        return entry == null ? null : entry.account();
    }

    /** Whether any thread, this one included, is inside a scope (its own or one it attached). */
    public static boolean anyOpen() {
        return ThreadContext.scopesOpenElsewhere();
    }
}
