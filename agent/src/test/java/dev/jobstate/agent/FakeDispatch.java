package dev.jobstate.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Stands in for {@link Dispatch} in classes woven for {@link WovenCodeTest}: the same methods, which
 * record each call and answer as the test sets them to.
 */
public final class FakeDispatch {

    static final List<String> CALLS = new ArrayList<>();
    static Object enterGives = "token";
    static UnaryOperator<Object> exitGives = returned -> returned;
    static Throwable thrownGives;
    static int retries;
    static RuntimeException failure; // thrown from every method when set: jobstate itself failing

    private FakeDispatch() {
    }

    static void reset() {
        CALLS.clear();
        enterGives = "token";
        exitGives = returned -> returned;
        thrownGives = null;
        retries = 0;
        failure = null;
    }

    public static Object enter(Class<?> owner, String method, Object self, Object[] args) {
        record("enter " + owner.getSimpleName() + "." + method + " " + (self != null) + " " + Arrays.toString(args));
        return enterGives;
    }

    public static Object exit(Object token, Object returned, Throwable thrown) {
        record("exit " + token + " " + returned + " " + thrown);
        return exitGives.apply(returned);
    }

    public static Throwable thrown(Object token, Throwable thrown) {
        record("thrown");
        return thrownGives != null ? thrownGives : thrown;
    }

    public static boolean again(Object token) {
        record("again");
        return retries-- > 0;
    }

    public static int openScope(Class<?> owner, String method, Object[] args) {
        record("open " + method + " " + Arrays.toString(args));
        return 7;
    }

    public static void closeScope(int depth) {
        record("close " + depth);
    }

    private static void record(String call) {
        CALLS.add(call);
        if (failure != null) {
            throw failure;
        }
    }
}
