package dev.jobstate.core.store.postgres;

import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A day (as a file holds it) merged into its rows as a grow-only union: what {@link PgDays#merge}
 * does. One upsert carries every id of the day as parallel arrays; its {@code DO UPDATE} decides per
 * row against the row's latest version, so a worker claiming or completing a row concurrently is
 * judged on what it wrote, not on a stale read.
 */
final class PgMerge {

    /** A live lease: another worker is running this activity right now; its row is not ours to steal. */
    private static final String LIVE = "(a.status = 'running' AND a.lease_until > now())";
    /** The incoming completion counts: the row is not done yet and the operator has not undone it since. */
    private static final String NEWLY_DONE = "(excluded.status = 'completed' AND a.status <> 'completed'"
            + " AND (a.revoked_at IS NULL OR excluded.completed_at > a.revoked_at))";
    /** The incoming failure is news: newer than the row's, after any unmark, and the row is free. */
    private static final String NEWLY_FAILED = "(excluded.failed_at IS NOT NULL AND a.status <> 'completed'"
            + " AND NOT " + LIVE + " AND (a.failed_at IS NULL OR excluded.failed_at > a.failed_at)"
            + " AND (a.revoked_at IS NULL OR excluded.failed_at > a.revoked_at))";
    private static final String NEWER_START = "(NOT " + LIVE + " AND excluded.started_at IS NOT NULL"
            + " AND (a.started_at IS NULL OR excluded.started_at > a.started_at))";

    private PgMerge() {
    }

    static int merge(Connection connection, String schema, DayState day, String worker) throws SQLException {
        if (!PgSchema.isValidName(schema)) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        Incoming in = Incoming.of(day);
        if (in.ids.isEmpty() && day.notes().resetAt() == null && day.notes().started().isEmpty()) {
            return 0;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int changed = recordReset(connection, schema, day) + upsert(connection, schema, day, in, worker)
                    + inDoubt(connection, schema, day, worker);
            if (autoCommit) {
                connection.commit();
            }
            return changed;
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** A reset the file knows of: kept if it is the latest, so later merges drop what it voided. */
    private static int recordReset(Connection connection, String schema, DayState day) throws SQLException {
        Instant resetAt = day.notes().resetAt();
        if (resetAt == null) {
            return 0;
        }
        try (PreparedStatement sql = connection.prepareStatement("INSERT INTO " + schema + ".day_reset AS r"
                + " (account, type, day, reset_at) VALUES (?, ?, ?, ?::timestamptz)"
                + " ON CONFLICT (account, type, day) DO UPDATE SET reset_at = excluded.reset_at"
                + " WHERE r.reset_at < excluded.reset_at")) {
            sql.setString(1, day.key().account());
            sql.setString(2, day.key().type());
            sql.setObject(3, day.key().date());
            sql.setString(4, resetAt.toString());
            return sql.executeUpdate();
        }
    }

    private static int upsert(Connection connection, String schema, DayState day, Incoming in, String worker)
            throws SQLException {
        if (in.ids.isEmpty()) {
            return 0;
        }
        String s = schema;
        String sql = "WITH reset AS (SELECT (SELECT reset_at FROM " + s + ".day_reset"
                + "   WHERE account = ? AND type = ? AND day = ?) AS at),"
                // A completion stamped later than now is recorded as of now (docs/time.md): a file from a
                // machine whose clock runs ahead must not date its work in the future. Only the
                // completion: it is written once, so merging the same file again still changes nothing.
                + " incoming AS (SELECT u.id, u.kind, u.result, u.attempts, u.started_at, "
                + ActivitySql.notAfterNow("u.completed_at") + " AS completed_at, u.duration_ms, u.failed_at,"
                + "   u.failure_exception, u.failure_message, u.revoked_at, u.failed_attempts, u.max_attempts, u.ord"
                + "   FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::integer[],"
                + "   ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::text[]::bigint[], ?::text[]::timestamptz[],"
                + "   ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::integer[], ?::text[]::integer[])"
                + "   WITH ORDINALITY"
                + "   AS u(id, kind, result, attempts, started_at, completed_at, duration_ms, failed_at,"
                + "        failure_exception, failure_message, revoked_at, failed_attempts, max_attempts, ord)),"
                // What a reset the database knows of voids never reaches the rows, not even as a new row.
                + " judged AS (SELECT i.*,"
                + "   i.kind = 'completed' AND (r.at IS NULL OR i.completed_at > r.at) AS done,"
                + "   i.failed_at IS NOT NULL AND (r.at IS NULL OR i.failed_at > r.at) AS failed"
                + "   FROM incoming i CROSS JOIN reset r)"
                + " INSERT INTO " + s + ".activity AS a (account, type, day, id, status, result, attempts, started_at,"
                + "   completed_at, duration_ms, failed_at, failure_exception, failure_message, worker, revoked_at,"
                + "   completed_seq, failed_attempts, max_attempts, updated_at)"
                + " SELECT ?, ?, ?, j.id,"
                + "   CASE WHEN j.done THEN 'completed' WHEN j.failed THEN 'failed' ELSE 'remaining' END,"
                + "   CASE WHEN j.done THEN j.result::jsonb END, j.attempts, j.started_at,"
                + "   CASE WHEN j.done THEN j.completed_at END, CASE WHEN j.done THEN j.duration_ms END,"
                + "   CASE WHEN j.failed THEN j.failed_at END, CASE WHEN j.failed THEN j.failure_exception END,"
                + "   CASE WHEN j.failed THEN j.failure_message END, ?, j.revoked_at,"
                // Numbered in the file's order, which is its completion order.
                + "   CASE WHEN j.done THEN nextval('" + s + ".completion') END,"
                + "   CASE WHEN j.failed THEN j.failed_attempts ELSE 0 END, CASE WHEN j.failed THEN j.max_attempts END,"
                + "   now()"
                + " FROM (SELECT * FROM judged ORDER BY ord) j WHERE j.done OR j.failed OR j.kind = 'remaining'"
                + " ON CONFLICT (account, type, day, id) DO UPDATE SET"
                + "   status = CASE WHEN " + NEWLY_DONE + " THEN 'completed' WHEN " + NEWLY_FAILED + " THEN 'failed'"
                + "     ELSE a.status END,"
                + "   result = CASE WHEN " + NEWLY_DONE + " THEN excluded.result ELSE a.result END,"
                + "   completed_at = CASE WHEN " + NEWLY_DONE + " THEN excluded.completed_at ELSE a.completed_at END,"
                + "   completed_seq = CASE WHEN " + NEWLY_DONE + " THEN excluded.completed_seq ELSE a.completed_seq END,"
                + "   duration_ms = CASE WHEN " + NEWLY_DONE + " THEN excluded.duration_ms ELSE a.duration_ms END,"
                + "   worker = CASE WHEN " + NEWLY_DONE + " THEN excluded.worker ELSE a.worker END,"
                + "   failed_at = CASE WHEN " + NEWLY_FAILED + " THEN excluded.failed_at ELSE a.failed_at END,"
                + "   failure_exception = CASE WHEN " + NEWLY_FAILED + " THEN excluded.failure_exception"
                + "     ELSE a.failure_exception END,"
                + "   failure_message = CASE WHEN " + NEWLY_FAILED + " THEN excluded.failure_message"
                + "     ELSE a.failure_message END,"
                + "   attempts = greatest(a.attempts, excluded.attempts),"
                // A failure count from before an unmark is the operator's to forget: only a newer failure brings one.
                + "   failed_attempts = CASE WHEN " + NEWLY_FAILED + " THEN greatest(a.failed_attempts,"
                + "     excluded.failed_attempts) ELSE a.failed_attempts END,"
                + "   max_attempts = CASE WHEN " + NEWLY_FAILED + " THEN excluded.max_attempts ELSE a.max_attempts END,"
                + "   started_at = CASE WHEN " + NEWER_START + " THEN excluded.started_at ELSE a.started_at END,"
                + "   revoked_at = greatest(a.revoked_at, excluded.revoked_at),"
                + "   updated_at = now()"
                + " WHERE " + NEWLY_DONE + " OR " + NEWLY_FAILED + " OR excluded.attempts > a.attempts"
                + "   OR " + NEWER_START + " OR excluded.revoked_at > coalesce(a.revoked_at, '-infinity')";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 2; round++) {
                statement.setString(i++, day.key().account());
                statement.setString(i++, day.key().type());
                statement.setObject(i++, day.key().date());
                if (round == 0) {
                    for (List<String> column : in.columns()) {
                        statement.setArray(i++, connection.createArrayOf("text", column.toArray()));
                    }
                }
            }
            statement.setString(i, worker);
            return statement.executeUpdate();
        }
    }

    /**
     * The once activities the file has in doubt (started, no outcome) become rows in doubt: running,
     * {@code once}, with a lease already run out, so no worker takes them over. Merged after the
     * upsert that made them remaining rows; a row completed, failed or unmarked since the start, or
     * held by a live lease, or a day reset since, stays as it is.
     */
    private static int inDoubt(Connection connection, String schema, DayState day, String worker)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        day.notes().started().forEach((id, at) -> {
            if (!day.isCompleted(id)) {
                ids.add(id);
                starts.add(at.toString());
            }
        });
        if (ids.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + schema + ".activity AS a (account, type, day, id, status, attempts, started_at,"
                + " worker, lease_until, once, updated_at)"
                + " SELECT ?, ?, ?, u.id, 'running', 1, u.started, ?, now(), true, now()"
                + " FROM unnest(?::text[], ?::text[]::timestamptz[]) AS u(id, started)"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + schema + ".day_reset r WHERE r.account = ? AND r.type = ?"
                + "   AND r.day = ? AND r.reset_at >= u.started)"
                + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = 'running', once = true,"
                + "   started_at = excluded.started_at, lease_until = now(), worker = excluded.worker, updated_at = now()"
                + " WHERE a.status <> 'completed' AND NOT " + LIVE
                + "   AND (a.revoked_at IS NULL OR a.revoked_at < excluded.started_at)"
                + "   AND (a.failed_at IS NULL OR a.failed_at < excluded.started_at)"
                + "   AND NOT (a.status = 'running' AND a.once)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, day.key().account());
            statement.setString(2, day.key().type());
            statement.setObject(3, day.key().date());
            statement.setString(4, worker);
            statement.setArray(5, connection.createArrayOf("text", ids.toArray()));
            statement.setArray(6, connection.createArrayOf("text", starts.toArray()));
            statement.setString(7, day.key().account());
            statement.setString(8, day.key().type());
            statement.setObject(9, day.key().date());
            return statement.executeUpdate();
        }
    }

    /** The day's ids as parallel columns, every value as text for one cast in SQL. */
    private record Incoming(List<String> ids, List<String> kinds, List<String> results, List<String> attempts,
                            List<String> starts, List<String> completions, List<String> durations,
                            List<String> failures, List<String> exceptions, List<String> messages,
                            List<String> revocations, List<String> failedAttempts, List<String> caps) {

        static Incoming of(DayState day) {
            Incoming in = new Incoming(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            Set<String> ids = new LinkedHashSet<>(day.completed());
            ids.addAll(day.remaining());
            ids.addAll(day.failures().keySet());
            for (String id : ids) {
                in.add(day, id);
            }
            return in;
        }

        private void add(DayState day, String id) {
            boolean done = day.isCompleted(id);
            LastFailure failure = day.failures().get(id);
            DayNotes.RunInfo run = day.notes().runs().get(id);
            Long duration = day.durations().get(id);
            ids.add(id);
            kinds.add(done ? "completed" : failure != null ? "failed" : "remaining");
            results.add(done && day.hasResult(id) ? day.result(id).toString() : null);
            int tries = run != null ? run.attempts() : (failure != null ? failure.attempts() : 0) + (done ? 1 : 0);
            attempts.add(Integer.toString(tries));
            starts.add(text(run == null ? null : run.lastStart()));
            completions.add(text(done ? completedAt(day, run, duration) : null));
            durations.add(done && duration != null ? duration.toString() : null);
            failures.add(text(failure == null ? null : failure.at()));
            exceptions.add(failure == null ? null : failure.exception());
            messages.add(failure == null ? null : failure.message());
            revocations.add(text(day.notes().revoked().get(id)));
            failedAttempts.add(failure == null ? "0" : Integer.toString(failure.attempts()));
            caps.add(failure == null || failure.maxAttempts() == 0 ? null : Integer.toString(failure.maxAttempts()));
        }

        /**
         * A file keeps no completion time, but its last start and duration give it; without them
         * the day's last update is the latest it can have been.
         */
        private static Instant completedAt(DayState day, DayNotes.RunInfo run, Long duration) {
            if (run != null) {
                return run.lastStart().plusMillis(duration == null ? 0 : Math.max(0, duration));
            }
            return day.lastUpdate() != null ? day.lastUpdate() : Instant.now();
        }

        private static String text(Instant at) {
            return at == null ? null : at.toString();
        }

        List<List<String>> columns() {
            return List.of(ids, kinds, results, attempts, starts, completions, durations, failures, exceptions,
                    messages, revocations, failedAttempts, caps);
        }
    }
}
