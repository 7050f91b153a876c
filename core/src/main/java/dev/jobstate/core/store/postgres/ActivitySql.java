package dev.jobstate.core.store.postgres;

/**
 * The statements the store runs on {@code <schema>.activity}, with the schema written in once.
 * Lease expiry is judged by the database's clock ({@code now()}), so workers' clocks may disagree.
 */
final class ActivitySql {

    /** The completed ids of a day and their results: what skipping needs. */
    final String loadDay;

    /**
     * Claims an activity: inserts or takes over its row unless it is completed or a live lease holds
     * it. Returns the new fencing token, or no row when the claim failed.
     */
    final String claim;

    /** Why a claim failed: the row's status, holder, result and the lease's remaining millis. */
    final String inspect;

    /** Extends the leases with the given tokens that are still running. */
    final String renew;

    /**
     * The outcome of one run. A row is written only if it is not completed yet; a leased outcome
     * only if its token is still the row's; an outcome from before an operator's unmark or reset is
     * dropped. Returns the row if written.
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
        loadDay = "SELECT id, result::text FROM " + table + " WHERE account = ? AND type = ? AND day = ?::date"
                + " AND status = 'completed' ORDER BY completed_at, id";
        claim = "INSERT INTO " + table + " AS a (account, type, day, id, status, attempts, started_at, worker,"
                + " lease_until, fence, updated_at)"
                + " VALUES (?, ?, ?::date, ?, 'running', 1, now(), ?, now() + ? * interval '1 millisecond',"
                + " nextval('" + schema + ".fence'), now())"
                + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = 'running',"
                + " attempts = a.attempts + 1, started_at = now(), worker = EXCLUDED.worker,"
                + " lease_until = EXCLUDED.lease_until, fence = EXCLUDED.fence, updated_at = now()"
                + " WHERE a.status <> 'completed' AND NOT (a.status = 'running' AND a.lease_until > now())"
                + " RETURNING a.fence";
        inspect = "SELECT status, worker, result::text,"
                + " CASE WHEN status = 'running' AND lease_until > now()"
                + " THEN ceil(extract(epoch FROM lease_until - now()) * 1000)::bigint END"
                + " FROM " + table + " WHERE account = ? AND type = ? AND day = ?::date AND id = ?";
        renew = "UPDATE " + table + " SET lease_until = now() + ? * interval '1 millisecond'"
                + " WHERE fence = ANY (?) AND status = 'running'";
        String insert = "INSERT INTO " + table + " AS a (account, type, day, id, status, result, attempts,"
                + " started_at, completed_at, duration_ms, failed_at, failure_exception, failure_message, worker,"
                + " fence, updated_at)";
        String onConflict = " ON CONFLICT (account, type, day, id) DO UPDATE SET status = EXCLUDED.status,"
                + " result = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.result ELSE a.result END,"
                + " completed_at = coalesce(EXCLUDED.completed_at, a.completed_at),"
                + " duration_ms = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.duration_ms"
                + " ELSE a.duration_ms END,"
                + " failed_at = coalesce(EXCLUDED.failed_at, a.failed_at),"
                + " failure_exception = coalesce(EXCLUDED.failure_exception, a.failure_exception),"
                + " failure_message = CASE WHEN EXCLUDED.status = 'failed' THEN EXCLUDED.failure_message"
                + " ELSE a.failure_message END,"
                + " attempts = a.attempts + CASE WHEN EXCLUDED.fence IS NULL THEN 1 ELSE 0 END,"
                + " worker = EXCLUDED.worker, lease_until = NULL, updated_at = now()"
                + " WHERE a.status <> 'completed'"
                + " AND (a.revoked_at IS NULL OR a.revoked_at < coalesce(EXCLUDED.completed_at, EXCLUDED.failed_at))"
                // Checked only against an existing row: a run's row exists from its claim on, and
                // outcomes recorded elsewhere are merged by PgMerge, which checks resets itself.
                + " AND NOT EXISTS (SELECT 1 FROM " + schema + ".day_reset r WHERE r.account = a.account"
                + " AND r.type = a.type AND r.day = a.day"
                + " AND r.reset_at >= coalesce(EXCLUDED.completed_at, EXCLUDED.failed_at))"
                + " AND (CASE WHEN EXCLUDED.fence IS NOT NULL THEN a.fence IS NOT DISTINCT FROM EXCLUDED.fence"
                // Unleased: a completion counts whoever holds the row (the work is done); a failure
                // must not knock a live holder's lease out from under it.
                + " ELSE EXCLUDED.status = 'completed' OR NOT (a.status = 'running' AND a.lease_until > now()) END)"
                + " RETURNING a.account, a.type, a.day, a.id";
        // A lone outcome as plain values: arrays cost a single-row statement a quarter millisecond.
        recordOne = insert + " VALUES (?, ?, ?::date, ?, ?, ?::jsonb, 1, ?::timestamptz, ?::timestamptz, ?,"
                + " ?::timestamptz, ?, ?, ?, ?, now())" + onConflict;
        recordMany = insert + " SELECT u.account, u.type, u.day, u.id, u.status, u.result::jsonb, 1, u.started_at,"
                + " u.completed_at, u.duration_ms, u.failed_at, u.failure_exception, u.failure_message, u.worker,"
                + " u.fence, now()"
                + " FROM unnest(?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                + " AS u(account, type, day, id, status, result, started_at, completed_at, duration_ms, failed_at,"
                + " failure_exception, failure_message, worker, fence)" + onConflict;
    }
}
