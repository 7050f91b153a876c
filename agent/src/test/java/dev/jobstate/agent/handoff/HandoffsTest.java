package dev.jobstate.agent.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobstate.core.engine.Scopes;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the JDK's instrumented classes get from {@link Handoffs}, called here as their advice calls
 * it: work handed over inside a scope runs inside it on another thread, and leaves nothing behind.
 */
class HandoffsTest {

    private static ExecutorService other;

    @BeforeAll
    static void anotherThread() {
        other = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        other.shutdownNow();
    }

    @AfterEach
    void nothingLeftOpen() throws Exception {
        Scopes.close(0);
        assertNull(on(other, Scopes::account), "the pool's thread is back outside any context");
        assertFalse(Scopes.anyOpen(), "no thread is left inside a scope");
    }

    private static <T> T on(ExecutorService executor, Callable<T> body) throws Exception {
        return executor.submit(body).get(10, TimeUnit.SECONDS);
    }

    // --- wrappers: executors' tasks and FutureTask's work ----------------------------------------

    @Test
    void aTaskWrappedInsideAScopeRunsInsideItOnAnotherThreadAndNotAfter() throws Exception {
        AtomicReference<String> during = new AtomicReference<>();
        Scopes.open("alice@example.com");
        Runnable task = (Runnable) Handoffs.wrapExecuted((Runnable) () -> during.set(Scopes.account()));
        Scopes.close(0);

        on(other, () -> {
            task.run();
            return null;
        });

        assertEquals("alice@example.com", during.get());
    }

    @Test
    void aCallableWrappedInsideAScopeReturnsWhatItReturnsInsideIt() throws Exception {
        Scopes.open("bob@example.com");
        @SuppressWarnings("unchecked")
        Callable<String> work = (Callable<String>) Handoffs.wrapCallable((Callable<String>) Scopes::account);
        Scopes.close(0);

        assertEquals("bob@example.com", on(other, work));
    }

    @Test
    void theHostsExceptionPassesThroughUnchangedAndTheContextIsDetachedAfterIt() throws Exception {
        IllegalStateException thrown = new IllegalStateException("the host's own");
        Exception checked = new IOException("checked, from a Callable");
        Scopes.open("alice@example.com");
        Runnable task = (Runnable) Handoffs.wrapExecuted((Runnable) () -> {
            throw thrown;
        });
        Callable<?> work = (Callable<?>) Handoffs.wrapCallable((Callable<Object>) () -> {
            throw checked;
        });
        Scopes.close(0);

        assertSame(thrown, assertThrows(IllegalStateException.class, task::run));
        assertSame(checked, assertThrows(IOException.class, work::call));
        assertNull(Scopes.account());
        assertFalse(Scopes.anyOpen());
    }

    @Test
    void withoutAScopeNothingIsWrapped() {
        Runnable task = () -> { };
        Callable<String> work = () -> "x";

        assertSame(task, Handoffs.wrapExecuted(task));
        assertSame(work, Handoffs.wrapCallable(work));
    }

    @Test
    void aTaskHandedOverWithoutAContextRunsWithoutOneEvenAfterTasksThatHadOne() throws Exception {
        Scopes.open("alice@example.com");
        Runnable alices = (Runnable) Handoffs.wrapExecuted((Runnable) () -> { });
        Scopes.close(0);
        on(other, () -> {
            alices.run();
            return null;
        });

        Callable<String> plain = Scopes::account;
        assertSame(plain, Handoffs.wrapCallable(plain));
        assertNull(on(other, plain), "no context is left on the pool's thread");
    }

    @Test
    void futuresAndComparableTasksAreLeftAsTheHostMadeThem() {
        class Prioritised implements Runnable, Comparable<Prioritised> {
            @Override
            public void run() {
            }

            @Override
            public int compareTo(Prioritised other) {
                return 0;
            }
        }
        Scopes.open("alice@example.com");
        FutureTask<Void> future = new FutureTask<>(() -> { }, null);
        Prioritised prioritised = new Prioritised();

        assertSame(future, Handoffs.wrapExecuted(future), "afterExecute may look for the Future");
        assertSame(prioritised, Handoffs.wrapExecuted(prioritised), "a priority queue compares it with others");
        Object wrapped = Handoffs.wrapExecuted((Runnable) () -> { });
        assertSame(wrapped, Handoffs.wrapExecuted(wrapped), "never wrapped twice");
    }

    @Test
    void aWrapperShowsTheHostsTaskInToString() {
        Runnable task = new Runnable() {
            @Override
            public void run() {
            }

            @Override
            public String toString() {
                return "fetch offers";
            }
        };
        Scopes.open("alice@example.com");

        Object wrapped = Handoffs.wrapExecuted(task);

        assertNotSame(task, wrapped);
        assertEquals("fetch offers", wrapped.toString());
    }

    // --- ForkJoinTasks: kept by identity, attached where they run --------------------------------

    static final class Noop extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
        }
    }

    @Test
    void aForkJoinTaskRunsInsideTheContextOfTheThreadThatCreatedIt() throws Exception {
        Scopes.open("alice@example.com");
        Noop task = new Noop();
        Handoffs.taskCreated(task);
        Scopes.close(0);

        String during = on(other, () -> {
            Object token = Handoffs.taskRuns(task);
            try {
                return Scopes.account();
            } finally {
                Handoffs.end(token);
            }
        });

        assertEquals("alice@example.com", during);
    }

    @Test
    void aForkJoinTaskWithoutAContextRunsOutsideTheOneOfTheThreadThatRunsIt() {
        Noop foreign = new Noop();
        Handoffs.taskCreated(foreign);
        Scopes.open("alice@example.com");

        Object token = Handoffs.taskRuns(foreign);
        assertNull(Scopes.account(), "a thread helping with another's task while it waits lends it no account");
        Handoffs.end(token);

        assertEquals("alice@example.com", Scopes.account());
    }

    // --- threads ---------------------------------------------------------------------------------

    @Test
    void aThreadStartedInsideAScopeRunsInsideIt() throws Exception {
        AtomicReference<String> during = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            Object token = Handoffs.threadRuns(Thread.currentThread());
            try {
                during.set(Scopes.account());
            } finally {
                Handoffs.end(token);
            }
        });
        int kept = Handoffs.kept();
        Scopes.open("alice@example.com");
        Handoffs.threadStarts(thread);
        thread.start();
        Scopes.close(0);
        thread.join();

        assertEquals("alice@example.com", during.get());
        assertEquals(kept, Handoffs.kept(), "the started thread took its context along");
    }

    /** A thread whose run takes what was kept for it, as the advice on {@code Thread.run} does. */
    private static Thread takingItsContext(AtomicReference<String> during) {
        return new Thread(() -> {
            Object token = Handoffs.threadRuns(Thread.currentThread());
            try {
                during.set(Scopes.account());
            } finally {
                Handoffs.end(token);
            }
        });
    }

    @Test
    void aThreadAPoolMakesKeepsNoContext() throws Exception {
        AtomicReference<String> poolThread = new AtomicReference<>("unset");
        AtomicReference<String> ownThread = new AtomicReference<>();
        Thread worker = takingItsContext(poolThread);
        Thread own = takingItsContext(ownThread);
        Scopes.open("alice@example.com");

        Object making = Handoffs.poolMakesThreads();
        Handoffs.threadStarts(worker);
        Handoffs.end(making);
        Handoffs.threadStarts(own);
        worker.start();
        own.start();
        worker.join();
        own.join();

        assertNull(poolThread.get(), "a pool's thread runs tasks later, each with its own context");
        assertEquals("alice@example.com", ownThread.get(), "once the pool is done, threads started here take it");
    }

    @Test
    void forkJoinWorkersAreNeverGivenAContext() {
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            ForkJoinWorkerThread worker = new ForkJoinWorkerThread(pool) { };
            int kept = Handoffs.kept();
            Scopes.open("alice@example.com");

            Handoffs.threadStarts(worker);

            assertEquals(kept, Handoffs.kept(), "they never run Thread.run, where the context would be taken");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callingAThreadsRunByHandOnAnotherThreadAttachesNothing() throws Exception {
        AtomicReference<String> during = new AtomicReference<>();
        Thread thread = takingItsContext(during);
        Scopes.open("alice@example.com");
        Handoffs.threadStarts(thread);
        Scopes.close(0);

        assertNull(Handoffs.threadRuns(thread), "this is not the thread that was started");
        assertNull(Scopes.account());
        thread.start();
        thread.join();
        assertEquals("alice@example.com", during.get(), "the started thread still takes it");
    }

    @Test
    void endingNothingDoesNothing() {
        Scopes.open("alice@example.com");

        Handoffs.end(null);

        assertEquals("alice@example.com", Scopes.account());
    }
}
