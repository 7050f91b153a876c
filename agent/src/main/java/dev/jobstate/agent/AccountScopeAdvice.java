package dev.jobstate.agent;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into every method with an {@code @Account} parameter: the account is the thread's for as
 * long as the method runs, however it ends.
 */
final class AccountScopeAdvice {

    private AccountScopeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Advice.Origin Class<?> owner, @Advice.Origin("#m#d") String method,
                     @Advice.AllArguments Object[] args) {
        return Dispatch.openScope(owner, method, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter int depth) {
        Dispatch.closeScope(depth);
    }
}
