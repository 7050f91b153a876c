package dev.jobstate.agent.handoff;

/** A task handed to a pool, run inside the context of the thread that handed it over. */
final class ContextRunnable implements Runnable {

    private final Runnable task;
    private final Object context;

    ContextRunnable(Runnable task, Object context) {
        this.task = task;
        this.context = context;
    }

    @Override
    public void run() {
        Object token = Handoffs.attach(context);
        try {
            task.run();
        } finally {
            Handoffs.end(token);
        }
    }

    /** The host's own, in a pool's queue as in its log lines. */
    @Override
    public String toString() {
        return task.toString();
    }
}
