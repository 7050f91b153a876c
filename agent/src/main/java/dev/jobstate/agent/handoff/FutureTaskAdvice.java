package dev.jobstate.agent.handoff;

import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;

/**
 * {@code FutureTask}'s constructors: what {@code submit}, {@code invokeAll} and {@code schedule} run,
 * on any executor, carries the context of the thread that made the task, every time it runs.
 */
final class FutureTaskAdvice {

    private FutureTaskAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Door("WRAP_CALLABLE") UnaryOperator<Object> wrap,
                     @Advice.FieldValue(value = "callable", readOnly = false) Callable<?> callable) {
        callable = (Callable<?>) wrap.apply(callable);
    }
}
