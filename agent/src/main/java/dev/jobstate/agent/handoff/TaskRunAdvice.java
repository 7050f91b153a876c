package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;

/**
 * Where a {@code ForkJoinTask} runs: {@code doExec} in a ForkJoin pool, and {@code run} of
 * {@code CompletableFuture}'s async tasks, which any other executor calls directly.
 */
final class TaskRunAdvice {

    private TaskRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Door("TASK_RUNS") UnaryOperator<Object> runs, @Advice.This Object task) {
        return runs.apply(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Door("END") Consumer<Object> end, @Advice.Enter Object token) {
        if (token != null) {
            end.accept(token);
        }
    }
}
