package dev.jobstate.core.store.postgres;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Lease;
import java.time.Instant;

/**
 * How one run ended, as a row to record: a completion or a failure, leased or not.
 *
 * @param fence the lease's token, or null when the run held none
 * @param maxAttempts a failed activity's cap on failed attempts a day, or null for none
 */
record Outcome(DayKey key, String id, String status, String result, Instant startedAt, Instant at,
               Long durationMillis, String exception, String message, String worker, Long fence,
               Long maxAttempts) {

    /** The identity of the row it writes. */
    record RowKey(DayKey key, String id) {
    }

    RowKey rowKey() {
        return new RowKey(key, id);
    }

    Instant completedAt() {
        return "completed".equals(status) ? at : null;
    }

    Instant failedAt() {
        return "failed".equals(status) ? at : null;
    }

    /** The row for a run's outcome: a completion or a failure. */
    static Outcome of(DayKey key, Mutation change, Lease lease, String worker) {
        Long fence = lease.isNone() ? null : lease.fence();
        if (change instanceof Mutation.Completed done) {
            return new Outcome(key, done.id(), "completed", done.result() == null ? null : done.result().toString(),
                    startOf(done.at(), done.durationMillis()), done.at(), done.durationMillis(), null, null, worker,
                    fence, null);
        }
        if (change instanceof Mutation.Failed failed) {
            return new Outcome(key, failed.id(), "failed", null, startOf(failed.at(), failed.durationMillis()),
                    failed.at(), failed.durationMillis() < 0 ? null : failed.durationMillis(), failed.exception(),
                    failed.message(), worker, fence, failed.maxAttempts() > 0 ? (long) failed.maxAttempts() : null);
        }
        throw new IllegalArgumentException("not a run's outcome: " + change);
    }

    private static Instant startOf(Instant end, long durationMillis) {
        return durationMillis < 0 ? null : end.minusMillis(durationMillis);
    }
}
