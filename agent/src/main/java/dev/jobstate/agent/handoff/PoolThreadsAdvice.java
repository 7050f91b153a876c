package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import java.util.function.Supplier;
import net.bytebuddy.asm.Advice;

/**
 * {@code ThreadPoolExecutor.addWorker}: a thread the pool makes, often while a task inside a context
 * is being submitted, runs many tasks after it and must keep none of that one's context.
 */
final class PoolThreadsAdvice {

    private PoolThreadsAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Door("POOL_MAKES_THREADS") Supplier<Object> making) {
        return making.get();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Door("END") Consumer<Object> end, @Advice.Enter Object token) {
        if (token != null) {
            end.accept(token);
        }
    }
}
