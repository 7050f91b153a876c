package dev.jobstate.agent.handoff;

import dev.jobstate.core.engine.ThreadContext;
import dev.jobstate.core.log.Log;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;

/**
 * What happens where work changes threads: the handing thread's context is captured with the work,
 * and attached around it on the thread that runs it (see {@link ThreadContext}).
 *
 * <ul>
 *   <li>The work of a {@code FutureTask} (what {@code submit}, {@code invokeAll} and {@code schedule}
 *       run) and a plain {@code Runnable} given to {@code ThreadPoolExecutor.execute} are wrapped.</li>
 *   <li>A {@code ForkJoinTask} (parallel streams, {@code CompletableFuture}'s async tasks, tasks
 *       forked inside tasks) and a started {@code Thread} cannot be: their context is kept in a
 *       {@link TaskContexts} and attached when the JDK runs them.</li>
 * </ul>
 *
 * <p>With no context to carry, handing work over costs the one lookup of {@link ThreadContext#capture},
 * and running it a look in a {@link TaskContexts} (a size check while it is empty), plus, for a
 * {@code ForkJoinTask}, the lookup of {@link ThreadContext#isolate}. Every method here catches
 * everything: a failure is said once and the work runs as if jobstate were absent.
 */
final class Handoffs {

    private static final String INNOCUOUS_THREAD = "jdk.internal.misc.InnocuousThread";

    private static final TaskContexts TASKS = new TaskContexts();
    private static final TaskContexts THREADS = new TaskContexts();
    private static final ThreadLocal<PoolThreads> MAKING_POOL_THREADS = ThreadLocal.withInitial(PoolThreads::new);

    /** How deep this thread is inside a pool making its threads: those must not keep its context. */
    private static final class PoolThreads {
        int depth;
    }

    private Handoffs() {
    }

    /** A {@code FutureTask}'s work: only the task holds it, so wrapping it changes nothing the host sees. */
    static Object wrapCallable(Object callable) {
        try {
            Object context = callable instanceof ContextCallable ? null : ThreadContext.capture();
            return context == null ? callable : new ContextCallable<>((Callable<?>) callable, context);
        } catch (Throwable t) {
            failed(t);
            return callable;
        }
    }

    /**
     * A task given to {@code ThreadPoolExecutor.execute}. Futures (a {@code FutureTask} from
     * {@code submit}, {@code CompletableFuture}'s tasks) carry their own context, and the host may
     * look for them as such in {@code afterExecute}; a {@code Comparable} task may sit in a priority
     * queue that would compare it with others. Those are left as they are.
     */
    static Object wrapExecuted(Object task) {
        try {
            if (!(task instanceof Runnable runnable) || task instanceof Future || task instanceof Comparable
                    || task instanceof ContextRunnable) {
                return task;
            }
            Object context = ThreadContext.capture();
            return context == null ? task : new ContextRunnable(runnable, context);
        } catch (Throwable t) {
            failed(t);
            return task;
        }
    }

    /** A {@code ForkJoinTask} carries the context of the thread that created it. */
    static void taskCreated(Object task) {
        try {
            Object context = ThreadContext.capture();
            if (context != null) {
                TASKS.put(task, context);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /**
     * A {@code ForkJoinTask} starts running: inside its context, or outside any if it has none, since
     * the thread running it may be inside another (a pool thread that helps while it waits).
     *
     * @return what to hand to {@link #end}
     */
    static Object taskRuns(Object task) {
        try {
            Object context = TASKS.get(task);
            return context != null ? ThreadContext.attach(context) : ThreadContext.isolate();
        } catch (Throwable t) {
            failed(t);
            return null;
        }
    }

    /**
     * A thread started inside a context runs inside it, for as long as it runs. A pool's threads do
     * not: they run other tasks later, each carrying its own. Nor do the JDK's service threads
     * ({@code InnocuousThread}: a virtual-thread unblocker, a cleaner), which it starts the first
     * time something needs them, inside whichever context that happens in, and which run forever.
     * ForkJoin workers never run {@code Thread.run}, so they would only leave an entry behind.
     */
    static void threadStarts(Object thread) {
        try {
            if (thread instanceof ForkJoinWorkerThread || thread.getClass().getName().equals(INNOCUOUS_THREAD)) {
                return;
            }
            Object context = ThreadContext.capture();
            if (context != null && MAKING_POOL_THREADS.get().depth == 0) {
                THREADS.put(thread, context);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** @return what to hand to {@link #end} */
    static Object threadRuns(Object thread) {
        try {
            if (thread != Thread.currentThread()) {
                return null; // run() called by hand, on another thread: that is not the thread starting
            }
            Object context = THREADS.remove(thread);
            return context == null ? null : ThreadContext.attach(context);
        } catch (Throwable t) {
            failed(t);
            return null;
        }
    }

    /** @return what to hand to {@link #end} once the pool is done making threads */
    static Object poolMakesThreads() {
        try {
            PoolThreads making = MAKING_POOL_THREADS.get();
            making.depth++;
            return making;
        } catch (Throwable t) {
            failed(t);
            return null;
        }
    }

    /** Ends what {@link #taskRuns}, {@link #threadRuns}, {@link #poolMakesThreads} or {@link #attach} began. */
    static void end(Object token) {
        try {
            if (token instanceof PoolThreads making) {
                making.depth--;
            } else {
                ThreadContext.detach(token);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** For the wrappers: the captured context attached, or null if that failed. */
    static Object attach(Object context) {
        try {
            return ThreadContext.attach(context);
        } catch (Throwable t) {
            failed(t);
            return null;
        }
    }

    /** Contexts kept for tasks and threads, for tests. */
    static int kept() {
        return TASKS.size() + THREADS.size();
    }

    private static void failed(Throwable t) {
        Log.errorOnce(Handoffs.class, "jobstate failed to carry an account to another thread; that work runs"
                + " as if jobstate were absent (untracked, unless it has an account of its own)", t);
    }
}
