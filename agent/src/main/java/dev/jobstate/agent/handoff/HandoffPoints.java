package dev.jobstate.agent.handoff;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The JDK's methods where work changes threads, each with what it does there. Types and methods are
 * named exactly: no other class is ever looked at.
 */
final class HandoffPoints {

    /** Where in the method the door is called, and with what; the door's type follows from it. */
    enum Shape {
        /** Constructor: {@code field = door.apply(field)} before it returns ({@code UnaryOperator}). */
        END_FIELD,
        /** Constructor: {@code door.accept(this)} before it returns ({@code Consumer}). */
        END_THIS,
        /** {@code firstArgument = door.apply(firstArgument)} on entry ({@code UnaryOperator}). */
        START_FIRST_ARGUMENT,
        /** {@code door.accept(this)} on entry ({@code Consumer}). */
        START_THIS,
        /** {@code token = door.apply(this)} on entry, {@code END.accept(token)} however it ends ({@code UnaryOperator}). */
        AROUND_THIS,
        /** {@code token = door.get()} on entry, {@code END.accept(token)} however it ends ({@code Supplier}). */
        AROUND
    }

    /**
     * {@code method} of {@code type} ({@code <init>}: its constructors) taking {@code parameters}
     * (a descriptor's parenthesised part, or null for any), on JDKs of {@code since} and later.
     *
     * @param field the field {@link Shape#END_FIELD} replaces, and its descriptor, {@code name:descriptor}; else null
     */
    record Point(String type, String method, String parameters, Shape shape, String door, String field, int since) {

        boolean matches(String name, String descriptor) {
            return name.equals(method) && (parameters == null || descriptor.startsWith(parameters));
        }

        boolean matches(Executable executable) {
            String name = executable instanceof Constructor<?> ? "<init>" : executable.getName();
            Class<?> returned = executable instanceof Method method ? method.getReturnType() : void.class;
            return matches(name, MethodType.methodType(returned, executable.getParameterTypes()).toMethodDescriptorString());
        }
    }

    private static final String CONCURRENT = "java.util.concurrent.";

    static final List<Point> ALL = List.of(
            new Point(CONCURRENT + "FutureTask", "<init>", null, Shape.END_FIELD, "WRAP_CALLABLE",
                    "callable:Ljava/util/concurrent/Callable;", 17),
            new Point(CONCURRENT + "ThreadPoolExecutor", "execute", "(Ljava/lang/Runnable;)",
                    Shape.START_FIRST_ARGUMENT, "WRAP_EXECUTED", null, 17),
            new Point(CONCURRENT + "ThreadPoolExecutor", "addWorker", null, Shape.AROUND, "POOL_MAKES_THREADS",
                    null, 17),
            new Point(CONCURRENT + "ForkJoinTask", "<init>", null, Shape.END_THIS, "TASK_CREATED", null, 17),
            new Point(CONCURRENT + "ForkJoinTask", "doExec", "()", Shape.AROUND_THIS, "TASK_RUNS", null, 17),
            new Point(CONCURRENT + "CompletableFuture$AsyncRun", "run", "()", Shape.AROUND_THIS, "TASK_RUNS",
                    null, 17),
            new Point(CONCURRENT + "CompletableFuture$AsyncSupply", "run", "()", Shape.AROUND_THIS, "TASK_RUNS",
                    null, 17),
            new Point(CONCURRENT + "CompletableFuture$Completion", "run", "()", Shape.AROUND_THIS, "TASK_RUNS",
                    null, 17),
            // Thread.start() and, from JDK 21, start(ThreadContainer), which thread-per-task executors use.
            new Point("java.lang.Thread", "start", null, Shape.START_THIS, "THREAD_STARTS", null, 17),
            new Point("java.lang.Thread", "run", "()", Shape.AROUND_THIS, "THREAD_RUNS", null, 17),
            // start() delegates to start(ThreadContainer); run(Runnable) runs the task on the virtual thread.
            new Point("java.lang.VirtualThread", "start", "(Ljdk/internal/vm/ThreadContainer;)", Shape.START_THIS,
                    "THREAD_STARTS", null, 21),
            new Point("java.lang.VirtualThread", "run", "(Ljava/lang/Runnable;)", Shape.AROUND_THIS, "THREAD_RUNS",
                    null, 21));

    private HandoffPoints() {
    }

    static List<Point> onThisJdk() {
        int feature = Runtime.version().feature();
        return ALL.stream().filter(point -> point.since() <= feature).toList();
    }
}
