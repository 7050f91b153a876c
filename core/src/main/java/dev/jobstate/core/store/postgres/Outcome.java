package dev.jobstate.core.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one run ended, as a row to record: a completion or a failure, leased or not.
 *
 * @param fence the lease's token, or null when the run held none
 */
record Outcome(DayKey key, String id, String status, String result, Instant startedAt, Instant at,
               Long durationMillis, String exception, String message, String worker, Long fence) {

    /** The identity of the row it writes. */
    record RowKey(DayKey key, String id) {
    }

    RowKey rowKey() {
        return new RowKey(key, id);
    }

    /** The row for {@code change}, or null for a change that is not a run's outcome (an unmark). */
    static Outcome of(DayKey key, Mutation change, Lease lease, String worker) {
        Long fence = lease.isNone() ? null : lease.fence();
        if (change instanceof Mutation.Completed done) {
            return new Outcome(key, done.id(), "completed", done.result() == null ? null : done.result().toString(),
                    startOf(done.at(), done.durationMillis()), done.at(), done.durationMillis(), null, null, worker,
                    fence);
        }
        if (change instanceof Mutation.Failed failed) {
            return new Outcome(key, failed.id(), "failed", null, startOf(failed.at(), failed.durationMillis()),
                    failed.at(), failed.durationMillis() < 0 ? null : failed.durationMillis(), failed.exception(),
                    failed.message(), worker, fence);
        }
        if (change instanceof Mutation.Marked marked) {
            return new Outcome(key, marked.id(), "completed", null, null, marked.at(), null, null, null,
                    "operator", null);
        }
        return null;
    }

    /**
     * The completions of a day recorded elsewhere, as unleased rows: merged, each becomes completed
     * unless its row is already (so merging twice changes nothing).
     */
    static List<Outcome> completionsOf(DayState day, String worker) {
        List<Outcome> rows = new ArrayList<>();
        for (String id : day.completed()) {
            Long duration = day.durations().get(id);
            DayNotes.RunInfo run = day.notes().runs().get(id);
            Instant at = run != null && duration != null ? run.lastStart().plusMillis(duration)
                    : day.lastUpdate() != null ? day.lastUpdate() : Instant.now();
            JsonNode result = day.results().get(id);
            rows.add(new Outcome(day.key(), id, "completed", result == null ? null : result.toString(),
                    run != null ? run.lastStart() : null, at, duration, null, null, worker, null));
        }
        return rows;
    }

    private static Instant startOf(Instant end, long durationMillis) {
        return durationMillis < 0 ? null : end.minusMillis(durationMillis);
    }
}
