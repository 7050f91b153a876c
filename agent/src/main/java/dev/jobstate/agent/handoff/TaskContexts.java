package dev.jobstate.agent.handoff;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contexts kept for tasks and threads the JDK runs later, where there is nothing of ours to hold
 * them: a {@code ForkJoinTask} or a {@code Thread} cannot be wrapped, only looked up. Keyed by
 * identity (a host's task may define equals), held weakly (an entry must not keep a task alive).
 */
final class TaskContexts {

    private final Map<Object, Object> contexts = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    void put(Object owner, Object context) {
        for (Reference<?> gone; (gone = collected.poll()) != null; ) {
            contexts.remove(gone);
        }
        contexts.put(new Held(owner, collected), context);
    }

    /** Null when there is none; costs no more than a size check while nothing is kept. */
    Object get(Object owner) {
        return contexts.isEmpty() ? null : contexts.get(new Sought(owner));
    }

    Object remove(Object owner) {
        return contexts.isEmpty() ? null : contexts.remove(new Sought(owner));
    }

    int size() {
        return contexts.size();
    }

    private static final class Held extends WeakReference<Object> {

        private final int hash;

        Held(Object owner, ReferenceQueue<Object> queue) {
            super(owner, queue);
            hash = System.identityHashCode(owner);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            Object owner = get();
            return other == this || owner != null && other instanceof Held held && held.get() == owner;
        }
    }

    /** The key a lookup passes: never stored, so it may hold its owner strongly. */
    private static final class Sought {

        private final Object owner;

        Sought(Object owner) {
            this.owner = owner;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Held held && held.get() == owner;
        }
    }
}
