package dev.jobstate.core.engine;

import java.lang.reflect.Method;

/** A method with an {@code @Account} parameter: while it runs, that account is the thread's. */
public final class ScopeSite {

    private final AccountSource source;

    private ScopeSite(AccountSource source) {
        this.source = source;
    }

    /** The scope of {@code method}, or null if none of its parameters carries {@code @Account}. */
    public static ScopeSite of(Method method) {
        try {
            AccountSource source = AccountSource.ofParameters(method.getParameterAnnotations(),
                    ActivitySite.describe(method));
            return source == null ? null : new ScopeSite(source);
        } catch (RuntimeException e) {
            return new ScopeSite(null);
        }
    }

    ThreadContext.Entry enter(Object[] args) {
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
