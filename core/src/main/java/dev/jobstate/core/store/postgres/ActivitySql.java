package dev.jobstate.core.store.postgres;

/**
 * The statements the store runs on {@code <schema>.activity}, with the schema written in once.
 * Lease expiry is judged by the database's clock ({@code now()}), so workers' clocks may disagree.
 */
final class ActivitySql {

    /**
     * The completed ids of a day and their results, and its failed ids with their failed attempts:
     * what skipping and a cap on attempts need.
     */
    final String loadDay;

    /**
     * Claims an activity: inserts or takes over its row unless it is completed or a live lease holds
     * it. Returns the new fencing token, or no row when the claim failed.
     */
    final String claim;

    /**
     * {@link #claim} for an {@code @Activity(once = true)}: the row it makes or takes says so, and a
     * running row of such an activity is never taken over, its lease live or not: with the lease run
     * out, it is in doubt.
     */
    final String claimOnce;

    /**
     * Why a claim failed: the row's status, holder, result, the lease's remaining millis (null when
     * none is live), whether the row is a once activity's, and when it started.
     */
    final String inspect;

    /** Extends the leases with the given tokens that are still running. */
    final String renew;

    /**
     * The outcome of one run. A row is written only if it is not completed yet; a leased outcome
     * only if the row still carries its token; an unleased outcome stamped before an operator's
     * unmark or reset is dropped. Returns the row if written.
     */
    final String recordOne;

    /** {@link #recordOne} for a batch of outcomes, as arrays: one statement for them all. */
    final String recordMany;

    /**
     * The days an operator changed (marked, unmarked, reset) since a time, with a few seconds'
     * overlap: a change's time is its transaction's start, which may be before the previous look.
     */
    final String operatorChanges;

    ActivitySql(String schema) {
        String table = schema + ".activity";
        operatorChanges = "SELECT account, type, day::text FROM " + table + " WHERE worker = 'operator'"
                + " AND updated_at > ?::timestamptz - interval '5 seconds'"
                + " UNION SELECT account, type, day::text FROM " + schema + ".day_reset"
                + " WHERE reset_at > ?::timestamptz - interval '5 seconds'";
        loadDay = "SELECT id, result::text, status = 'completed', failed_attempts, failure_exception,"
                + " failure_message, failed_at, coalesce(max_attempts, 0) FROM " + table
                + " WHERE account = ? AND type = ? AND day = ?::date"
                + " AND status IN ('completed', 'failed') ORDER BY completed_seq, id";
        claim = claim(table, schema, "false", "");
        claimOnce = claim(table, schema, "true", " AND NOT (a.status = 'running' AND a.once)");
        inspect = "SELECT status, worker, result::text,"
                + " CASE WHEN status = 'running' AND lease_until > now()"
                + " THEN ceil(extract(epoch FROM lease_until - now()) * 1000)::bigint END, once, started_at"
                + " FROM " + table + " WHERE account = ? AND type = ? AND day = ?::date AND id = ?";
        renew = "UPDATE " + table + " SET lease_until = now() + ? * interval '1 millisecond'"
                + " WHERE fence = ANY (?) AND status = 'running'";
        String insert = "INSERT INTO " + table + " AS a (account, type, day, id, status, result, attempts,"
                + " started_at, completed_at, duration_ms, failed_at, failure_exception, failure_message, worker,"
                + " fence, completed_seq, failed_attempts, max_attempts, updated_at)";
        String columns = " AS u(account, type, day, id, status, result, started_at, completed_at, duration_ms,"
                + " failed_at, failure_exception, failure_message, worker, fence, max_attempts)";
        // No stamp later than the moment the database records it (docs/time.md): a worker whose clock
        // runs ahead cannot date an outcome in the future. The completion order is the sequence's.
        String select = " SELECT u.account, u.type, u.day, u.id, u.status, u.result::jsonb, 1,"
                + " " + notAfterNow("u.started_at") + ", " + notAfterNow("u.completed_at") + ", u.duration_ms,"
                + " " + notAfterNow("u.failed_at") + ", u.failure_exception, u.failure_message, u.worker, u.fence,"
                + " CASE WHEN u.status = 'completed' THEN nextval('" + schema + ".completion') END,"
                + " CASE WHEN u.status = 'failed' THEN 1 ELSE 0 END, u.max_attempts::integer, now()";
        // A leased outcome only ever updates the row its claim made: no row means a reset (or prune)
        // removed it since, and the outcome is stale whatever its stamp says.
        String leasedRowExists = " WHERE u.fence IS NULL OR EXISTS (SELECT 1 FROM " + table + " x"
                + " WHERE x.account = u.account AND x.type = u.type AND x.day = u.day AND x.id = u.id"
                + " AND x.fence = u.fence)";
        String onConflict = " ON CONFLICT (account, type, day, id) DO UPDATE SET status = EXCLUDED.status,"
                + " result = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.result ELSE a.result END,"
                + " completed_at = coalesce(EXCLUDED.completed_at, a.completed_at),"
                + " completed_seq = coalesce(EXCLUDED.completed_seq, a.completed_seq),"
                + " duration_ms = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.duration_ms"
                + " ELSE a.duration_ms END,"
                + " failed_at = coalesce(EXCLUDED.failed_at, a.failed_at),"
                + " failure_exception = coalesce(EXCLUDED.failure_exception, a.failure_exception),"
                + " failure_message = CASE WHEN EXCLUDED.status = 'failed' THEN EXCLUDED.failure_message"
                + " ELSE a.failure_message END,"
                + " failed_attempts = a.failed_attempts + EXCLUDED.failed_attempts,"
                + " max_attempts = CASE WHEN EXCLUDED.status = 'failed' THEN EXCLUDED.max_attempts"
                + " ELSE a.max_attempts END,"
                + " attempts = a.attempts + CASE WHEN EXCLUDED.fence IS NULL THEN 1 ELSE 0 END,"
                + " worker = EXCLUDED.worker, lease_until = NULL, updated_at = now()"
                + " WHERE a.status <> 'completed' AND CASE WHEN EXCLUDED.fence IS NOT NULL"
                // Leased: the token still being the row's proves that nobody claimed, marked, unmarked
                // or reset it since this worker's claim (each of those changes or removes it), so no
                // clock is consulted.
                + " THEN a.fence = EXCLUDED.fence"
                // Unleased (a wait that ran out, a run claimed during an outage): judged by its stamp.
                // Resets are checked only against an existing row; rows recorded elsewhere are
                // merged by PgMerge, which checks resets itself.
                + " ELSE (a.revoked_at IS NULL OR a.revoked_at < coalesce(EXCLUDED.completed_at, EXCLUDED.failed_at))"
                + " AND NOT EXISTS (SELECT 1 FROM " + schema + ".day_reset r WHERE r.account = a.account"
                + " AND r.type = a.type AND r.day = a.day"
                + " AND r.reset_at >= coalesce(EXCLUDED.completed_at, EXCLUDED.failed_at))"
                // A completion counts whoever holds the row (the work is done); a failure must not
                // knock a live holder's lease out from under it.
                + " AND (EXCLUDED.status = 'completed' OR NOT (a.status = 'running' AND a.lease_until > now())) END"
                + " RETURNING a.account, a.type, a.day, a.id";
        // A lone outcome as plain values: arrays cost a single-row statement a quarter millisecond.
        recordOne = insert + select + " FROM (VALUES (?, ?, ?::date, ?, ?, ?, ?::timestamptz, ?::timestamptz,"
                + " ?::bigint, ?::timestamptz, ?, ?, ?, ?::bigint, ?::bigint))" + columns + leasedRowExists + onConflict;
        recordMany = insert + select
                + " FROM unnest(?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
                + " ?::bigint[])"
                + columns + leasedRowExists + onConflict;
    }

    /** The claim; {@code once} is the row's new flag, {@code unless} what else keeps a row from being taken. */
    private static String claim(String table, String schema, String once, String unless) {
        return "INSERT INTO " + table + " AS a (account, type, day, id, status, attempts, started_at, worker,"
                + " lease_until, fence, updated_at, once)"
                + " VALUES (?, ?, ?::date, ?, 'running', 1, now(), ?, now() + ? * interval '1 millisecond',"
                + " nextval('" + schema + ".fence'), now(), " + once + ")"
                + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = 'running',"
                + " attempts = a.attempts + 1, started_at = now(), worker = EXCLUDED.worker,"
                + " lease_until = EXCLUDED.lease_until, fence = EXCLUDED.fence, updated_at = now(), once = " + once
                + " WHERE a.status <> 'completed' AND NOT (a.status = 'running' AND a.lease_until > now())" + unless
                + " RETURNING a.fence";
    }

    /** {@code column}, or the statement's {@code now()} if that is earlier; null stays null. */
    static String notAfterNow(String column) {
        return "CASE WHEN " + column + " IS NOT NULL THEN least(" + column + ", now()) END";
    }
}
