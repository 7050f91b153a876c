package dev.jobstate.agent.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskContextsTest {

    /** A host's task may say it equals another: only the very same one may find its context. */
    record Task(String name) {
    }

    @Test
    void anEntryIsFoundByIdentityNotEquality() {
        TaskContexts contexts = new TaskContexts();
        Task task = new Task("fetch");
        Object context = new Object();

        contexts.put(task, context);

        assertSame(context, contexts.get(task));
        assertNull(contexts.get(new Task("fetch")));
        assertNull(contexts.remove(new Task("fetch")));
        assertSame(context, contexts.remove(task));
        assertNull(contexts.get(task));
        assertEquals(0, contexts.size());
    }

    @Test
    void anEntryDoesNotKeepItsTaskAliveAndGoesWithIt() throws InterruptedException {
        TaskContexts contexts = new TaskContexts();
        Object task = new Object();
        WeakReference<Object> watched = new WeakReference<>(task);
        contexts.put(task, "context");
        task = null;

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watched.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(watched.get(), "the task was collected although its context was kept");
        Object alive = new Object();
        while (contexts.size() != 1 && System.nanoTime() < deadline) {
            contexts.put(alive, "a later put drops what was collected");
            Thread.sleep(10);
        }
        assertEquals(1, contexts.size(), "only the living task's entry is left");
    }
}
