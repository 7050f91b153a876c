package dev.jobstate.core.store.postgres;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Days kept in PostgreSQL, shared by workers on many machines: one row per activity, claimed with a
 * lease before it runs, its outcome written only while the lease is still the writer's.
 *
 * <p>Skips are answered from memory: a day's completions are loaded on first use. Checkpoints of
 * concurrent threads share statements ({@link GroupCommit}). While the database cannot be used,
 * everything goes to the local file store instead ({@link Outage}), and what it recorded is merged
 * into the database when it is back.
 */
public final class PostgresStateStore implements StateStore, AutoCloseable {

    private static final long MAX_POLL_MILLIS = 250;

    private final PgConnections connections;
    private final ActivitySql sql;
    private final ActivityRows rows;
    /** An operator's marks, when they come through this store: as the CLI makes them. */
    private final PgDays operator;
    private final GroupCommit<Outcome> outcomes;
    private final String worker;
    private final long leaseMillis;
    private final long leaseWaitMillis;
    private final Map<DayKey, Completions> days = new ConcurrentHashMap<>();
    private final Outage outage;
    private final LeaseKeeper leases;
    private final OperatorWatch operators;
    private final Background background = new Background();
    private volatile boolean prepared;

    /**
     * @param fallback where checkpoints go while the database cannot be used; what it holds is
     *     merged into the database when it is back
     */
    public PostgresStateStore(PostgresSettings settings, String worker, FileStateStore fallback, Clock clock) {
        this.connections = new PgConnections(settings);
        this.sql = new ActivitySql(settings.schema());
        this.rows = new ActivityRows(sql);
        this.operator = new PgDays(connections::get, settings.schema());
        OutcomeWriter writer = new OutcomeWriter(connections, sql);
        // One batch in flight at a time: while it commits, the next fills up. Measured on 2 cores with
        // 16 threads, two or four in flight made smaller batches and fewer checkpoints per second
        // (BENCHMARKS.md); the pool's other connections serve claims and loads.
        this.outcomes = new GroupCommit<>(1, writer);
        DayMerger merger = (connection, day) -> PgDays.merge(connection, settings.schema(), day, worker);
        this.worker = worker;
        this.leaseMillis = settings.lease().toMillis();
        this.leaseWaitMillis = settings.leaseWait().toMillis();
        this.outage = new Outage(connections, fallback, merger, clock, days::clear, background);
        this.leases = new LeaseKeeper(connections, sql, leaseMillis, outage, background);
        this.operators = new OperatorWatch(connections, sql, outage, background, days::remove);
    }

    @Override
    public Completions read(DayKey key, long nowMillis) {
        if (outage.isOn()) {
            return outage.view(key, days.get(key), nowMillis);
        }
        Completions day = days.get(key);
        if (day != null) {
            return day;
        }
        try {
            day = load(key);
        } catch (SQLException e) {
            outage.begin(e);
            return outage.view(key, null, nowMillis);
        }
        Completions raced = days.putIfAbsent(key, day);
        return raced != null ? raced : day;
    }

    @Override
    public Claim claim(DayKey key, String id) {
        return claim(key, id, false);
    }

    /**
     * The claim row is the durable record of the start: a running row of a once activity that no
     * live lease holds is in doubt. During an outage the fallback files record it instead.
     */
    @Override
    public Claim claimOnce(DayKey key, String id) {
        return claim(key, id, true);
    }

    private Claim claim(DayKey key, String id, boolean once) {
        if (!outage.isOn()) {
            try {
                return claimOnline(key, id, once);
            } catch (SQLException e) {
                outage.begin(e);
            }
        }
        Completions known = days.get(key);
        if (known != null && known.isCompleted(id)) {
            return new Claim.Done(known);
        }
        return once ? outage.fallback().claimOnce(key, id) : outage.fallback().claim(key, id);
    }

    private Claim claimOnline(DayKey key, String id, boolean once) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseWaitMillis);
        while (true) {
            ActivityRows.Holder holder;
            // A connection per look, not per wait: waiting threads must not starve the pool.
            try (Connection connection = connections.get()) {
                Long fence = rows.claim(connection, key, id, worker, leaseMillis, once);
                if (fence != null) {
                    leases.hold(fence);
                    return new Claim.Granted(new Lease(fence));
                }
                holder = rows.inspect(connection, key, id);
            }
            if (holder != null && holder.completed()) {
                return new Claim.Done(remember(key, id, holder.result()));
            }
            if (holder != null && holder.inDoubt()) {
                return new Claim.InDoubt(holder.startedAt());
            }
            // No live lease: the row changed between the two statements (reset, a failure); look again soon.
            long leaseLeft = holder == null || holder.leaseLeftMillis() == null ? 0 : holder.leaseLeftMillis();
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (once && (leftMillis <= 0 || Thread.currentThread().isInterrupted())) {
                // Running it too could do it twice: as far as this worker can tell, it is in doubt.
                return new Claim.InDoubt(holder == null ? null : holder.startedAt());
            }
            if (leftMillis <= 0) {
                Log.warnOnce("postgres-wait#" + key.type() + "/" + id, id + " of " + key.account()
                        + " has been held by worker " + (holder == null ? "?" : holder.worker()) + " for longer than leaseWaitSeconds ("
                        + leaseWaitMillis / 1000 + " s) while its lease stays alive; this worker runs it too.");
                return Claim.Granted.UNLEASED;
            }
            if (Thread.currentThread().isInterrupted()) {
                return Claim.Granted.UNLEASED; // the host wants the thread back: run, don't wait
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
                    Math.min(leftMillis, Math.min(MAX_POLL_MILLIS, leaseLeft + 5))));
        }
    }

    @Override
    public void checkpoint(DayKey key, Mutation change, Lease lease) throws IOException {
        boolean start = change instanceof Mutation.Started;
        if (start && !outage.isOn()) {
            return; // the claim row records the start
        }
        if (!lease.isNone() && !start) {
            leases.release(lease.fence());
        }
        while (true) {
            if (!outage.isOn()) {
                try {
                    if (write(key, change, lease)) {
                        days.computeIfPresent(key, (k, day) -> day.with(change));
                    }
                    return;
                } catch (SQLException e) {
                    outage.begin(e);
                }
            }
            if (outage.record(key, change)) {
                return;
            }
        }
    }

    @Override
    public void retainOnly(Set<LocalDate> dates) {
        days.keySet().removeIf(key -> !dates.contains(key.date()));
        outage.fallback().retainOnly(dates);
    }

    @Override
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        if (outage.isOn()) {
            return outage.fallback().failures(account, date);
        }
        try {
            return operator.failures(account, date);
        } catch (SQLException e) {
            throw new IOException("cannot count the failures of " + account + " on " + date + ": "
                    + Log.describe(e), e);
        }
    }

    /** Where {@code key}'s checkpoints go while the database cannot be used. */
    public Path fallbackFile(DayKey key) {
        return outage.fallback().fileOf(key);
    }

    /** Whether the database cannot be used now, and checkpoints go to the local files meanwhile. */
    public boolean inOutage() {
        return outage.isOn();
    }

    /** The worker name this store writes into rows. */
    public String worker() {
        return worker;
    }

    @Override
    public void close() {
        background.close();
        connections.close();
    }

    private Completions load(DayKey key) throws SQLException {
        try (Connection connection = connections.get()) {
            if (!prepared) {
                prepare(connection);
            }
            operators.startFrom(connection);
            return rows.loadDay(connection, key);
        }
    }

    /** Once, at the first use: merge what a run that ended while the database was away left locally. */
    private synchronized void prepare(Connection connection) throws SQLException {
        if (prepared) {
            return;
        }
        if ("off".equals(PgConnections.synchronousCommit(connection))) {
            Log.warn("PostgreSQL runs with synchronous_commit = off: a checkpoint it acknowledged can be lost"
                    + " if the server crashes. Set it to on for the jobstate user or database.");
        }
        outage.mergeRecentDays(connection);
        prepared = true;
    }

    /** @return whether the change was applied */
    private boolean write(DayKey key, Mutation change, Lease lease) throws SQLException {
        if (change instanceof Mutation.Started) {
            return false; // the claim row records the start
        }
        if (change instanceof Mutation.Marked marked) {
            operator.mark(key, marked.id());
            days.remove(key);
            return false;
        }
        if (change instanceof Mutation.Unmarked unmarked) {
            operator.unmark(key, unmarked.id());
            days.remove(key);
            return false;
        }
        Outcome row = Outcome.of(key, change, lease, worker);
        if (outcomes.write(row)) {
            return true;
        }
        refused(key, row);
        return false;
    }

    /** An outcome the database did not take: say why, when it is news to the operator. */
    private void refused(DayKey key, Outcome row) throws SQLException {
        try (Connection connection = connections.get()) {
            ActivityRows.Holder now = rows.inspect(connection, key, row.id());
            if (now != null && now.completed()) {
                remember(key, row.id(), now.result());
            } else if (row.fence() != null && "completed".equals(row.status())) {
                String why = now == null ? "its day was reset while it ran, and the reset stands."
                        : PgDays.OPERATOR.equals(now.worker())
                        ? "an operator marked or unmarked it while it ran, and the operator's word stands."
                        : "this worker's lease on it ran out and passed to worker " + now.worker()
                        + ", whose outcome stands. (A lease runs out when a worker stalls for longer than"
                        + " leaseSeconds.)";
                Log.warnOnce("postgres-fenced#" + key.type() + "/" + row.id(), "the completion of " + row.id()
                        + " for " + key.account() + " is not recorded: " + why);
            }
        }
    }

    /** Notes that {@code id} completed (seen in the database), and returns the day as now known. */
    private Completions remember(DayKey key, String id, String result) {
        Mutation.Completed done = new Mutation.Completed(id, Instant.EPOCH, 0, ActivityRows.json(result));
        Completions known = days.computeIfPresent(key, (k, day) -> day.with(done));
        return known != null ? known : Completions.NONE.with(done);
    }
}
