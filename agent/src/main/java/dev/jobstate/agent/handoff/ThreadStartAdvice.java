package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;

/** {@code Thread.start} (and a virtual thread's): the thread will run inside the starter's context. */
final class ThreadStartAdvice {

    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Door("THREAD_STARTS") Consumer<Object> starts, @Advice.This Object thread) {
        starts.accept(thread);
    }
}
