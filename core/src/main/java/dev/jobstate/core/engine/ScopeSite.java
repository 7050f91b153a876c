package dev.jobstate.core.engine;

import java.lang.reflect.Method;

/** A method with an {@code @Account} parameter: while it runs, that account is the thread's. */
public final class ScopeSite {

    /** The scope of an account given in code ({@code JobState.activity(...).account(a)}): the first argument. */
    public static final ScopeSite GIVEN = new ScopeSite(null, true);

    private final AccountSource source;
    private final boolean given;

    private ScopeSite(AccountSource source, boolean given) {
        this.source = source;
        this.given = given;
    }

    /** The scope of {@code method}, or null if none of its parameters carries {@code @Account}. */
    public static ScopeSite of(Method method) {
        try {
            AccountSource source = AccountSource.ofParameters(method.getParameterAnnotations(),
                    ActivitySite.describe(method));
            return source == null ? null : new ScopeSite(source, false);
        } catch (RuntimeException e) {
            return new ScopeSite(null, false);
        }
    }

    ThreadContext.Entry enter(Object[] args) {
        if (given) {
            return new ThreadContext.Entry((String) args[0], null);
        }
        if (source == null) {
            return new ThreadContext.Entry(null, "its @Account path is not a property path");
        }
        try {
            return new ThreadContext.Entry(source.read(null, args), null);
        } catch (Unresolvable e) {
            return new ThreadContext.Entry(null, e.getMessage());
        }
    }
}
