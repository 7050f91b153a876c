package dev.jobstate.agent.handoff;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's methods where work changes threads, each with the advice it gets. Types are named
 * exactly: no other class is ever looked at.
 */
final class HandoffPoints {

    /** {@code methods} of {@code type} get {@code advice}, on JDKs of {@code since} and later. */
    record Point(String type, ElementMatcher<MethodDescription> methods, Class<?> advice, int since) {
    }

    private static final String CONCURRENT = "java.util.concurrent.";

    static final List<Point> ALL = List.of(
            new Point(CONCURRENT + "FutureTask", isConstructor(), FutureTaskAdvice.class, 17),
            new Point(CONCURRENT + "ThreadPoolExecutor", named("execute").and(takesArguments(Runnable.class)),
                    ExecuteAdvice.class, 17),
            new Point(CONCURRENT + "ThreadPoolExecutor", named("addWorker"), PoolThreadsAdvice.class, 17),
            new Point(CONCURRENT + "ForkJoinTask", isConstructor(), TaskCreatedAdvice.class, 17),
            new Point(CONCURRENT + "ForkJoinTask", named("doExec").and(takesArguments(0)), TaskRunAdvice.class, 17),
            new Point(CONCURRENT + "CompletableFuture$AsyncRun", named("run").and(takesArguments(0)),
                    TaskRunAdvice.class, 17),
            new Point(CONCURRENT + "CompletableFuture$AsyncSupply", named("run").and(takesArguments(0)),
                    TaskRunAdvice.class, 17),
            new Point(CONCURRENT + "CompletableFuture$Completion", named("run").and(takesArguments(0)),
                    TaskRunAdvice.class, 17),
            // Thread.start() and, from JDK 21, start(ThreadContainer), which thread-per-task executors use.
            new Point("java.lang.Thread", named("start"), ThreadStartAdvice.class, 17),
            new Point("java.lang.Thread", named("run").and(takesArguments(0)), ThreadRunAdvice.class, 17),
            // start() delegates to start(ThreadContainer); run(Runnable) runs the task on the virtual thread.
            new Point("java.lang.VirtualThread", named("start").and(takesArguments(1)), ThreadStartAdvice.class, 21),
            new Point("java.lang.VirtualThread", named("run").and(takesArguments(Runnable.class)),
                    ThreadRunAdvice.class, 21));

    private HandoffPoints() {
    }

    static List<Point> onThisJdk() {
        int feature = Runtime.version().feature();
        return ALL.stream().filter(point -> point.since() <= feature).toList();
    }
}
