package dev.jobstate.agent.handoff;

import java.util.concurrent.Callable;

/** The work of a {@code FutureTask}, run inside the context of the thread that made the task. */
final class ContextCallable<V> implements Callable<V> {

    private final Callable<V> task;
    private final Object context;

    ContextCallable(Callable<V> task, Object context) {
        this.task = task;
        this.context = context;
    }

    @Override
    public V call() throws Exception {
        Object token = Handoffs.attach(context);
        try {
            return task.call();
        } finally {
            Handoffs.end(token);
        }
    }

    /** {@code FutureTask.toString()} shows it. */
    @Override
    public String toString() {
        return task.toString();
    }
}
