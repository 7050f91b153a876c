package dev.jobstate.agent.handoff;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The doors the JDK's instrumented classes call {@link Handoffs} through. Those classes are loaded
 * by the bootstrap class loader, which cannot see ours, so their advice never names this class:
 * each reaches one of these fields through a dynamic constant built only of JDK methods (see
 * {@link Doors}), resolved once per call site. Their types are the JDK's own for the same reason.
 */
public final class HandoffDoors {

    public static final UnaryOperator<Object> WRAP_CALLABLE = Handoffs::wrapCallable;
    public static final UnaryOperator<Object> WRAP_EXECUTED = Handoffs::wrapExecuted;
    public static final Consumer<Object> TASK_CREATED = Handoffs::taskCreated;
    public static final UnaryOperator<Object> TASK_RUNS = Handoffs::taskRuns;
    public static final Consumer<Object> THREAD_STARTS = Handoffs::threadStarts;
    public static final UnaryOperator<Object> THREAD_RUNS = Handoffs::threadRuns;
    public static final Supplier<Object> POOL_MAKES_THREADS = Handoffs::poolMakesThreads;
    public static final Consumer<Object> END = Handoffs::end;

    private HandoffDoors() {
    }
}
