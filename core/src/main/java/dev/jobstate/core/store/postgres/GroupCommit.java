package dev.jobstate.core.store.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Lets concurrent callers share statements: each caller queues its row, and whoever finds a writer
 * slot free writes everything queued, in one statement and transaction, until the queue is empty.
 * The others wait for their own row's answer. No thread of its own: a lone caller writes its own
 * row at once, so a single thread pays one round trip, and 16 threads pay a few.
 *
 * @param <T> a row; two rows of one batch must not have the same {@link Writer#keyOf key}
 */
final class GroupCommit<T> {

    interface Writer<T> {
        /** Writes {@code rows} durably; returns those that were applied (others were refused). */
        Set<T> write(List<T> rows) throws SQLException;

        /** Rows with equal keys go to separate statements (one statement cannot change a row twice). */
        Object keyOf(T row);
    }

    private static final int MAX_BATCH = 500;

    private record Queued<T>(T row, CompletableFuture<Boolean> applied) {
    }

    private final ConcurrentLinkedQueue<Queued<T>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore writers;
    private final Writer<T> writer;

    /** @param concurrentWrites how many batches may be in flight at once (connections to use) */
    GroupCommit(int concurrentWrites, Writer<T> writer) {
        this.writers = new Semaphore(concurrentWrites);
        this.writer = writer;
    }

    /**
     * Writes {@code row}, alone or with others, and returns once it is durable.
     *
     * @return whether it was applied
     * @throws SQLException the failure of the statement that carried it
     */
    boolean write(T row) throws SQLException {
        Queued<T> mine = new Queued<>(row, new CompletableFuture<>());
        queue.add(mine);
        // Queued before trying for a slot: a writer that held the slot looks at the queue after
        // releasing it, so a row queued while every slot was busy is never left behind.
        while (writers.tryAcquire()) {
            try {
                drain();
            } finally {
                writers.release();
            }
            if (queue.isEmpty()) {
                break;
            }
        }
        try {
            return mine.applied.get();
        } catch (InterruptedException e) {
            // The row is in flight and will be written; the caller's interrupt is theirs to see.
            Thread.currentThread().interrupt();
            return mine.applied.join();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("writing a checkpoint failed", e.getCause());
        }
    }

    private void drain() {
        List<Queued<T>> batch;
        while (!(batch = take()).isEmpty()) {
            List<T> rows = new ArrayList<>(batch.size());
            for (Queued<T> queued : batch) {
                rows.add(queued.row);
            }
            try {
                Set<T> applied = writer.write(rows);
                for (Queued<T> queued : batch) {
                    queued.applied.complete(applied.contains(queued.row));
                }
            } catch (SQLException | RuntimeException | Error e) {
                for (Queued<T> queued : batch) {
                    queued.applied.completeExceptionally(e);
                }
            }
        }
    }

    /** The next batch: queued rows in order, skipping (for a later batch) a key already taken. */
    private List<Queued<T>> take() {
        List<Queued<T>> batch = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (Iterator<Queued<T>> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
            Queued<T> next = it.next();
            if (keys.add(writer.keyOf(next.row)) && queue.remove(next)) {
                batch.add(next);
            }
        }
        return batch;
    }
}
