package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/**
 * {@code ForkJoinTask}'s constructor: a task carries the context of the thread that created it, which
 * for a task forked inside another is the context that task runs in.
 */
final class TaskCreatedAdvice {

    private TaskCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Door("TASK_CREATED") Consumer<Object> created, @Advice.This Object task) {
        created.accept(task);
    }
}
