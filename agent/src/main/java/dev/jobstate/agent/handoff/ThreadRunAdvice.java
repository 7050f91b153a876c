package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;

/** {@code Thread.run}, and {@code VirtualThread.run(Runnable)}: where a started thread's task runs. */
final class ThreadRunAdvice {

    private ThreadRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Door("THREAD_RUNS") UnaryOperator<Object> runs, @Advice.This Object thread) {
        return runs.apply(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Door("END") Consumer<Object> end, @Advice.Enter Object token) {
        if (token != null) {
            end.accept(token);
        }
    }
}
