package dev.jobstate.core.engine;

import dev.jobstate.core.store.OwnWork;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the current thread is inside of: the methods with an {@code @Account} parameter still
 * running (innermost last), whose account activities without one of their own take, and the
 * activity running, which a failing child activity reports to.
 *
 * <p>Work handed to another thread carries this along the way tracing agents carry their context:
 * the handing thread {@link #capture}s a snapshot, the thread that runs the work {@link #attach}es
 * it for as long as the work runs and {@link #detach}es it after.
 *
 * <p>Every call of a method with an {@code @Account} parameter opens a scope, and many activities
 * are such methods, so opening and closing allocate nothing: a scope is the site and the arguments
 * array the instrumentation already made, pushed on a per-thread stack that lives as long as its
 * thread. The account is read from them only when an activity inside asks for it.
 */
public final class ThreadContext {

    /** What a scope holds: an account, or why its method's account could not be read. */
    record Entry(String account, String problem) {
    }

    /** A thread's context as it was when work was handed over. Immutable; opaque outside the engine. */
    private record Snapshot(ScopeSite site, Object[] args, Run run) {
    }

    /** What {@link #attach} replaced, for {@link #detach} to put back. */
    private record Attached(int depth, Run run) {
    }

    private static final class Frames {
        ScopeSite[] sites = new ScopeSite[8];
        Object[][] args = new Object[8][];
        boolean[] own = new boolean[8]; // opened by a method running on this thread, not attached
        int depth;
        int owned;
        Run run;
    }

    private static final ThreadLocal<Frames> FRAMES = ThreadLocal.withInitial(Frames::new);

    /**
     * Threads running a method with an {@code @Account} parameter right now, so a thread outside any
     * scope can tell it is not alone. Work handed over from one does not count: it ends a moment
     * after the host sees it done (a pool thread detaches after its task), and a thread started
     * inside one may run for the rest of the JVM's life, long after that method returned.
     */
    private static final AtomicInteger THREADS_IN_SCOPE = new AtomicInteger();

    private ThreadContext() {
    }

    /** @return the depth to hand back to {@link #closeTo} when the method exits */
    static int open(ScopeSite site, Object[] args) {
        return push(FRAMES.get(), site, args, true);
    }

    private static int push(Frames frames, ScopeSite site, Object[] args, boolean own) {
        if (frames.depth == frames.sites.length) {
            frames.sites = Arrays.copyOf(frames.sites, frames.depth * 2);
            frames.args = Arrays.copyOf(frames.args, frames.depth * 2);
            frames.own = Arrays.copyOf(frames.own, frames.depth * 2);
        }
        if (own && frames.owned++ == 0) {
            THREADS_IN_SCOPE.incrementAndGet();
        }
        frames.sites[frames.depth] = site;
        frames.args[frames.depth] = args;
        frames.own[frames.depth] = own;
        return frames.depth++;
    }

    /** Closes the scope opened at {@code depth} and any an earlier failure left open above it. */
    static void closeTo(int depth) {
        popTo(FRAMES.get(), depth);
    }

    private static void popTo(Frames frames, int depth) {
        while (frames.depth > depth) {
            frames.depth--;
            if (frames.own[frames.depth] && --frames.owned == 0) {
                THREADS_IN_SCOPE.decrementAndGet();
            }
            frames.sites[frames.depth] = null; // holds no host object past its method
            frames.args[frames.depth] = null;
        }
    }

    /** The innermost scope's account, or null outside any scope (or while {@link #isolate}d from them). */
    static Entry innermost() {
        Frames frames = FRAMES.get();
        if (frames.depth == 0) {
            return null;
        }
        int top = frames.depth - 1;
        ScopeSite site = frames.sites[top];
        return site == null ? null : site.enter(frames.args[top]);
    }

    /**
     * Whether some other thread runs a method with an {@code @Account} parameter; asked only by a
     * thread that is inside no scope (or is {@link #isolate}d from its own).
     */
    static boolean scopesOpenElsewhere() {
        return THREADS_IN_SCOPE.get() > 0;
    }

    /** Makes {@code run} this thread's running activity; returns the one it replaces, to restore. */
    static Run enterRun(Run run) {
        Frames frames = FRAMES.get();
        Run previous = frames.run;
        frames.run = run;
        return previous;
    }

    static void exitRun(Run previous) {
        FRAMES.get().run = previous;
    }

    /** The activity running on this thread (or in the work it runs for another), or null. */
    static Run currentRun() {
        return FRAMES.get().run;
    }

    /**
     * This thread's context, to run work elsewhere inside it: the innermost scope and the running
     * activity. Null when there is neither, which costs the handing thread one lookup and nothing more.
     */
    public static Object capture() {
        Frames frames = FRAMES.get();
        int top = frames.depth - 1;
        ScopeSite site = top < 0 ? null : frames.sites[top];
        if (site == null && frames.run == null) {
            return null;
        }
        return new Snapshot(site, site == null ? null : frames.args[top], frames.run);
    }

    /**
     * Runs this thread inside {@code captured} until {@link #detach}: its scope is the innermost, its
     * activity the running one. Null (nothing was captured) attaches nothing.
     *
     * @return what to hand to {@link #detach}
     */
    public static Object attach(Object captured) {
        if (!(captured instanceof Snapshot snapshot)) {
            return null;
        }
        Frames frames = FRAMES.get();
        Attached before = new Attached(frames.depth, frames.run);
        if (snapshot.site() != null) {
            push(frames, snapshot.site(), snapshot.args(), false);
        }
        frames.run = snapshot.run();
        return before;
    }

    /**
     * Runs this thread outside any context until {@link #detach}: for work handed over when there was
     * none ({@link #capture} gave null) that a thread inside a context happens to run, such as a pool
     * thread that runs other tasks while it waits for one of its own. Its scopes stay open beneath,
     * out of sight; a thread with one of its own still counts for {@link #scopesOpenElsewhere}, so
     * such work runs untracked rather than under the default account.
     *
     * @return what to hand to {@link #detach}, or null when this thread has no context to hide
     */
    public static Object isolate() {
        Frames frames = FRAMES.get();
        if (frames.depth == 0 && frames.run == null) {
            return null;
        }
        Attached before = new Attached(frames.depth, frames.run);
        push(frames, null, null, false); // a frame without a site: nothing beneath it is seen
        frames.run = null;
        return before;
    }

    /** How a store steps out of this context for its own work. */
    static final OwnWork.Isolation ISOLATION = new OwnWork.Isolation() {
        @Override
        public Object isolate() {
            return ThreadContext.isolate();
        }

        @Override
        public void detach(Object token) {
            ThreadContext.detach(token);
        }
    };

    /** Ends what {@link #attach} or {@link #isolate} began; a null token is nothing to end. */
    public static void detach(Object token) {
        if (token instanceof Attached before) {
            Frames frames = FRAMES.get();
            popTo(frames, before.depth());
            frames.run = before.run();
        }
    }
}
