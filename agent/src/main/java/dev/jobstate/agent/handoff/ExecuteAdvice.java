package dev.jobstate.agent.handoff;

import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.execute}: a plain task runs inside the context it was handed over in. */
final class ExecuteAdvice {

    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Door("WRAP_EXECUTED") UnaryOperator<Object> wrap,
                      @Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = (Runnable) wrap.apply(task);
    }
}
