package dev.jobstate.core.store.postgres;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.AccountFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The rows of a jobstate schema as an operator sees them: days listed and read as the
 * {@link DayState}s a day file would hold, and the operator's changes (mark, unmark, reset, prune)
 * made the way a running worker will respect. Account, type and id values always travel as bind
 * parameters; the schema name is checked by {@link PgSchema#isValidName} before it reaches SQL.
 */
public final class PgDays {

    /** Who a mark says did the work, in the {@code worker} column. */
    public static final String OPERATOR = "operator";

    /** A pruned day and how many activity rows went with it. */
    public record Pruned(DayKey day, int rows) {
    }

    /**
     * How one account's type stands on a day, counted by the server.
     *
     * @param known completed plus every other row
     * @param failed rows not completed that have a recorded failure, by failure time
     * @param inDoubt {@code @Activity(once = true)} rows running with no live lease, by start: their
     *     worker died in the middle
     * @param interrupted other rows running with no live lease: a run that died, not taken up since
     */
    public record Summary(String account, String type, int completed, int known, Instant lastUpdate,
                          List<Failed> failed, List<InDoubt> inDoubt, int interrupted) {
    }

    public record InDoubt(String id, Instant startedAt) {
    }

    public record Failed(String id, LastFailure failure) {
    }

    /** The columns a reset copies into {@code activity_backup}: every column of {@code activity}. */
    private static final String BACKED_UP = "account, type, day, id, status, result, attempts, started_at,"
            + " completed_at, duration_ms, failed_at, failure_exception, failure_message, worker, lease_until,"
            + " fence, revoked_at, updated_at, completed_seq, failed_attempts, max_attempts, once";

    private final ConnectionSource database;
    private final String schema;

    /** Where connections come from: a {@link DataSource}, or the store's own pool. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    public PgDays(DataSource database, String schema) {
        this(database::getConnection, schema);
    }

    public PgDays(ConnectionSource database, String schema) {
        if (!PgSchema.isValidName(schema)) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.database = database;
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    /** Whether the schema holds jobstate's tables: a typo in its name must not read as an empty farm. */
    public boolean exists() throws SQLException {
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            sql.setString(1, schema + ".activity");
            try (ResultSet rows = sql.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** Creates or migrates the schema, for commands that write. */
    public void migrate() throws SQLException {
        try (Connection connection = database.get()) {
            PgSchema.migrate(connection, schema);
        }
    }

    /** The days in {@code scope} with rows or a reset, by account, type, then date. */
    public List<DayKey> days(PgScope scope) throws SQLException {
        List<DayKey> days = new ArrayList<>();
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT account, type, day FROM ("
                     + "SELECT account, type, day FROM " + schema + ".activity WHERE " + scope.where("")
                     + " UNION SELECT account, type, day FROM " + schema + ".day_reset WHERE " + scope.where("")
                     + ") d ORDER BY account COLLATE \"C\", type COLLATE \"C\", day")) {
            scope.bind(sql, scope.bind(sql, 1));
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    days.add(new DayKey(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDate.class)));
                }
            }
        }
        return days;
    }

    /**
     * The accounts whose rows of days {@code from} to {@code to} changed since {@code since}: an
     * activity's row written, a day reset, a release from quarantine. With a few seconds' overlap:
     * a change is stamped with its transaction's start, which may be before the previous look.
     *
     * @param since the {@link Changes#at()} of the previous look, or null for none: only the time
     */
    public Changes changes(Instant since, LocalDate from, LocalDate to) throws SQLException {
        try (Connection connection = database.get()) {
            Instant at;
            try (PreparedStatement sql = connection.prepareStatement("SELECT now()");
                 ResultSet row = sql.executeQuery()) {
                row.next();
                at = PgDayReader.instant(row, 1);
            }
            Set<String> accounts = new HashSet<>();
            if (since != null) {
                String after = " > ?::timestamptz - interval '5 seconds'";
                try (PreparedStatement sql = connection.prepareStatement("SELECT account FROM " + schema
                        + ".activity WHERE day BETWEEN ? AND ? AND updated_at" + after
                        + " UNION SELECT account FROM " + schema + ".day_reset WHERE day BETWEEN ? AND ? AND reset_at"
                        + after + " UNION SELECT account FROM " + schema + ".quarantine_release"
                        + " WHERE day BETWEEN ? AND ? AND released_at" + after)) {
                    int i = 1;
                    for (int table = 0; table < 3; table++) {
                        sql.setObject(i++, from);
                        sql.setObject(i++, to);
                        sql.setString(i++, since.toString());
                    }
                    try (ResultSet rows = sql.executeQuery()) {
                        while (rows.next()) {
                            accounts.add(rows.getString(1));
                        }
                    }
                }
            }
            return new Changes(at, accounts);
        }
    }

    /** @param at the server's time of the look, for the next one's {@code since} */
    public record Changes(Instant at, Set<String> accounts) {
    }

    /** The accounts with a day in {@code scope}, in order. */
    public List<String> accounts(PgScope scope) throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT account FROM (SELECT account FROM " + schema
                     + ".activity WHERE " + scope.where("") + " UNION SELECT account FROM " + schema + ".day_reset WHERE "
                     + scope.where("") + ") d ORDER BY account COLLATE \"C\"")) {
            scope.bind(sql, scope.bind(sql, 1));
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    accounts.add(rows.getString(1));
                }
            }
        }
        return accounts;
    }

    /**
     * Each account and type of {@code scope}'s days, counted in one aggregate query: no day is
     * loaded, so a farm's day costs one pass over its rows on the server.
     */
    public List<Summary> summarize(PgScope scope) throws SQLException {
        String failed = " FILTER (WHERE status <> 'completed' AND failed_at IS NOT NULL)";
        String order = " ORDER BY failed_at, id COLLATE \"C\")";
        String dead = " FILTER (WHERE status = 'running' AND (lease_until IS NULL OR lease_until <= now())";
        List<Summary> summaries = new ArrayList<>();
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT account, type,"
                     + " count(*) FILTER (WHERE status = 'completed'), count(*),"
                     + " greatest(max(completed_at), max(failed_at), max(revoked_at)),"
                     + " array_agg(id" + order + failed + ", array_agg(failure_exception" + order + failed
                     + ", array_agg(failure_message" + order + failed
                     + ", array_agg((extract(epoch FROM failed_at) * 1000)::bigint" + order + failed
                     + ", array_agg(greatest(1, failed_attempts)" + order + failed
                     + ", array_agg(coalesce(max_attempts, 0)" + order + failed
                     + ", array_agg(id ORDER BY started_at, id COLLATE \"C\")" + dead + " AND once)"
                     + ", array_agg((extract(epoch FROM started_at) * 1000)::bigint ORDER BY started_at,"
                     + " id COLLATE \"C\")" + dead + " AND once)"
                     + ", count(*)" + dead + " AND NOT once)"
                     + " FROM " + schema + ".activity WHERE " + scope.where("")
                     + " GROUP BY account, type ORDER BY account COLLATE \"C\", type COLLATE \"C\"")) {
            scope.bind(sql, 1);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    summaries.add(new Summary(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getInt(4),
                            PgDayReader.instant(rows, 5), failures(rows), inDoubt(rows), rows.getInt(14)));
                }
            }
        }
        return summaries;
    }

    /**
     * Per account and type, how many ids of the day before {@code day}'s scope have no row on the
     * day itself: what is expected and has not started yet.
     *
     * @param dayBefore the scope of the day before, one date
     */
    public Map<List<String>, Integer> notStarted(PgScope dayBefore) throws SQLException {
        Map<List<String>, Integer> counts = new HashMap<>();
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT p.account, p.type, count(*) FROM "
                     + schema + ".activity p WHERE " + dayBefore.where("p.") + " AND NOT EXISTS (SELECT 1 FROM "
                     + schema + ".activity t WHERE t.account = p.account AND t.type = p.type"
                     + " AND t.day = p.day + 1 AND t.id = p.id) GROUP BY p.account, p.type")) {
            dayBefore.bind(sql, 1);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    counts.put(List.of(rows.getString(1), rows.getString(2)), rows.getInt(3));
                }
            }
        }
        return counts;
    }

    private static List<InDoubt> inDoubt(ResultSet row) throws SQLException {
        if (row.getArray(12) == null) {
            return List.of();
        }
        String[] ids = (String[]) row.getArray(12).getArray();
        Long[] started = (Long[]) row.getArray(13).getArray();
        List<InDoubt> inDoubt = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            inDoubt.add(new InDoubt(ids[i], started[i] == null ? null : Instant.ofEpochMilli(started[i])));
        }
        return inDoubt;
    }

    private static List<Failed> failures(ResultSet row) throws SQLException {
        if (row.getArray(6) == null) {
            return List.of();
        }
        String[] ids = (String[]) row.getArray(6).getArray();
        String[] exceptions = (String[]) row.getArray(7).getArray();
        String[] messages = (String[]) row.getArray(8).getArray();
        Long[] at = (Long[]) row.getArray(9).getArray();
        Integer[] attempts = (Integer[]) row.getArray(10).getArray();
        Integer[] caps = (Integer[]) row.getArray(11).getArray();
        List<Failed> failed = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            failed.add(new Failed(ids[i], new LastFailure(exceptions[i], messages[i], Instant.ofEpochMilli(at[i]),
                    attempts[i], caps[i])));
        }
        return failed;
    }

    /** The day as a day file would hold it; an empty day when it has no rows. */
    public DayState load(DayKey key) throws SQLException {
        List<DayState> found = load(new PgScope(key.account(), key.type(), key.date(), key.date()));
        return found.isEmpty() ? DayState.empty(key) : found.get(0);
    }

    /** Every day in {@code scope}, read in two queries, by account, type, then date. */
    public List<DayState> load(PgScope scope) throws SQLException {
        try (Connection connection = database.get()) {
            return PgDayReader.read(connection, schema, scope);
        }
    }

    /**
     * Records {@code id} as done by hand. It takes no lease, but it takes a new fencing token, so a
     * worker running the activity finds it completed and its own outcome is refused.
     *
     * @return whether it changed anything (false: it was completed already)
     */
    public boolean mark(DayKey key, String id) throws SQLException {
        return update(key, id, "INSERT INTO " + schema + ".activity AS a (account, type, day, id, status, worker,"
                + " completed_at, completed_seq, fence, updated_at) VALUES (?, ?, ?, ?, 'completed', '" + OPERATOR
                + "', now(), nextval('" + schema + ".completion'), nextval('" + schema + ".fence'), now())"
                + " ON CONFLICT (account, type, day, id) DO UPDATE SET status = 'completed', worker = excluded.worker,"
                + " result = NULL, duration_ms = NULL, completed_at = now(), completed_seq = excluded.completed_seq,"
                + " fence = excluded.fence, lease_until = NULL, updated_at = now()"
                + " WHERE a.status <> 'completed'") > 0;
    }

    /**
     * Makes a completed or failed {@code id} to do again, with its failed attempts forgotten (an
     * activity given up on gets them back). {@code revoked_at} keeps the time, so an outcome from
     * before it that a worker merges later is dropped; the new fencing token refuses the outcome of
     * any run claimed before it; the row names the operator, which is how running workers find the
     * change ({@link OperatorWatch}).
     *
     * @return whether it changed anything (false: it was neither completed nor failed)
     */
    public boolean unmark(DayKey key, String id) throws SQLException {
        return update(key, id, "UPDATE " + schema + ".activity SET status = 'remaining', result = NULL,"
                + " completed_at = NULL, completed_seq = NULL, duration_ms = NULL, revoked_at = now(),"
                + " failed_attempts = 0, failed_at = NULL, failure_exception = NULL, failure_message = NULL,"
                + " max_attempts = NULL,"
                + " fence = nextval('" + schema + ".fence'), worker = '" + OPERATOR + "', updated_at = now()"
                + " WHERE account = ? AND type = ? AND day = ? AND id = ? AND (status IN ('completed', 'failed')"
                // An @Activity(once = true) in doubt: its worker died in the middle, so run it again.
                + " OR (status = 'running' AND once AND lease_until <= now()))") > 0;
    }

    /** {@code account}'s failed attempts on {@code date} in every type, and its last release from quarantine. */
    public AccountFailures failures(String account, LocalDate date) throws SQLException {
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("SELECT (SELECT coalesce(sum(failed_attempts), 0)"
                     + " FROM " + schema + ".activity WHERE account = ? AND day = ?),"
                     + " (SELECT failures FROM " + schema + ".quarantine_release WHERE account = ? AND day = ?)")) {
            sql.setString(1, account);
            sql.setObject(2, date);
            sql.setString(3, account);
            sql.setObject(4, date);
            try (ResultSet row = sql.executeQuery()) {
                row.next();
                return new AccountFailures(row.getInt(1), row.getInt(2));
            }
        }
    }

    /**
     * Releases {@code account} from quarantine on {@code date}: the failures it has now no longer count.
     *
     * @return the failures it had, which no longer count
     */
    public int release(String account, LocalDate date) throws SQLException {
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement("INSERT INTO " + schema + ".quarantine_release"
                     + " (account, day, released_at, failures) SELECT ?, ?, now(), coalesce(sum(failed_attempts), 0)"
                     + " FROM " + schema + ".activity WHERE account = ? AND day = ?"
                     + " ON CONFLICT (account, day) DO UPDATE SET released_at = now(), failures = excluded.failures"
                     + " RETURNING failures")) {
            sql.setString(1, account);
            sql.setObject(2, date);
            sql.setString(3, account);
            sql.setObject(4, date);
            try (ResultSet row = sql.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private int update(DayKey key, String id, String statement) throws SQLException {
        try (Connection connection = database.get();
             PreparedStatement sql = connection.prepareStatement(statement)) {
            bindKey(sql, key);
            sql.setString(4, id);
            return sql.executeUpdate();
        }
    }

    /**
     * Starts a day afresh in one transaction: its rows are copied into {@code activity_backup} (unless
     * {@code purge}), deleted, and the reset time is recorded, so outcomes from before it that a worker
     * checkpoints or merges later are dropped.
     *
     * @return how many activity rows the day had
     */
    public int reset(DayKey key, boolean purge) throws SQLException {
        try (Connection connection = database.get()) {
            connection.setAutoCommit(false);
            try {
                String where = " WHERE account = ? AND type = ? AND day = ?";
                if (!purge) {
                    try (PreparedStatement sql = connection.prepareStatement("INSERT INTO " + schema
                            + ".activity_backup (" + BACKED_UP + ", reset_at) SELECT " + BACKED_UP + ", now() FROM "
                            + schema + ".activity" + where)) {
                        bindKey(sql, key);
                        sql.executeUpdate();
                    }
                }
                int rows;
                try (PreparedStatement sql = connection.prepareStatement("DELETE FROM " + schema + ".activity" + where)) {
                    bindKey(sql, key);
                    rows = sql.executeUpdate();
                }
                try (PreparedStatement sql = connection.prepareStatement("INSERT INTO " + schema + ".day_reset"
                        + " (account, type, day, reset_at) VALUES (?, ?, ?, now()) ON CONFLICT (account, type, day)"
                        + " DO UPDATE SET reset_at = excluded.reset_at")) {
                    bindKey(sql, key);
                    sql.executeUpdate();
                }
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Deletes the days dated before {@code before} (their activity rows and reset marks; backups are
     * kept). Bots only write today, so old days can go while they run.
     *
     * @return the days and their row counts, by account, type, then date
     */
    public List<Pruned> prune(LocalDate before, boolean dryRun) throws SQLException {
        String counted = dryRun
                ? "SELECT account, type, day, count(*) FROM " + schema + ".activity WHERE day < ? GROUP BY 1, 2, 3"
                : "WITH gone AS (DELETE FROM " + schema + ".activity WHERE day < ? RETURNING account, type, day)"
                        + " SELECT account, type, day, count(*) FROM gone GROUP BY 1, 2, 3";
        List<Pruned> pruned = new ArrayList<>();
        try (Connection connection = database.get()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement sql = connection.prepareStatement(counted
                        + " ORDER BY account COLLATE \"C\", type COLLATE \"C\", day")) {
                    sql.setObject(1, before);
                    try (ResultSet rows = sql.executeQuery()) {
                        while (rows.next()) {
                            pruned.add(new Pruned(new DayKey(rows.getString(1), rows.getString(2),
                                    rows.getObject(3, LocalDate.class)), rows.getInt(4)));
                        }
                    }
                }
                if (!dryRun) {
                    for (String table : List.of("day_reset", "quarantine_release")) {
                        try (PreparedStatement sql = connection.prepareStatement("DELETE FROM " + schema
                                + "." + table + " WHERE day < ?")) {
                            sql.setObject(1, before);
                            sql.executeUpdate();
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return pruned;
    }

    /**
     * Merges a day, as a day file holds it, into the rows: a grow-only union, idempotent (merging the
     * same day again changes nothing). An id completed in the day becomes completed unless its row is
     * completed already (its result is kept), or the row was unmarked or the day reset at or after the
     * completion (the day's last start plus duration, else its last update). A failure fills the
     * failure columns of a row that is not completed and not held by a live lease, when it is newer
     * than the row's. An id only remaining gets a {@code remaining} row if it has none. Attempts are
     * the greater of the two. Fence and lease columns are never written. Runs in one transaction when
     * {@code connection} auto-commits, else in the caller's.
     *
     * @param worker who the completions it adds are recorded as done by
     * @return how many rows it inserted or changed (activity rows and the day's reset mark)
     */
    public static int merge(Connection connection, String schema, DayState day, String worker) throws SQLException {
        return PgMerge.merge(connection, schema, day, worker);
    }

    /** {@link #merge(Connection, String, DayState, String)} on a connection of this schema's database. */
    public int merge(DayState day, String worker) throws SQLException {
        try (Connection connection = database.get()) {
            return merge(connection, schema, day, worker);
        }
    }

    private static void bindKey(PreparedStatement sql, DayKey key) throws SQLException {
        sql.setString(1, key.account());
        sql.setString(2, key.type());
        sql.setObject(3, key.date());
    }
}
