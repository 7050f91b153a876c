package dev.jobstate.agent;

import dev.jobstate.core.engine.Replay;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into every {@code @Activity} method. It only hands over to {@link Dispatch}: inlined code
 * runs as part of the host's class, so it must stay small and touch nothing but public types the
 * host's class loader can see. {@code suppress} makes any failure in it, even a missing class, count
 * as "no agent" rather than reach the host.
 */
final class ActivityAdvice {

    private ActivityAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Replay.class, suppress = Throwable.class)
    static Object enter(@Advice.Origin Class<?> owner, @Advice.Origin("#m#d") String method,
                        @Advice.This(optional = true) Object self, @Advice.AllArguments Object[] args) {
        return Dispatch.enter(owner, method, self, args);
    }

    /**
     * Hands the outcome over; the call then throws what {@link Dispatch#thrown} says (its own
     * exception, or {@code GaveUpException} for a call jobstate refused), and the method runs again
     * while {@link Dispatch#again} says so (a retried failure).
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@Advice.Enter Object token,
                        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                        @Advice.Thrown(readOnly = false) Throwable thrown) {
        returned = Dispatch.exit(token, returned, thrown);
        thrown = Dispatch.thrown(token, thrown);
        return Dispatch.again(token);
    }
}
