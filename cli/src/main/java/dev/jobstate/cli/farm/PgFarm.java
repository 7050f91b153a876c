package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.file.StateFiles;
import dev.jobstate.core.store.postgres.PgDays;
import dev.jobstate.core.store.postgres.PgScope;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A farm kept in PostgreSQL, as the operator's commands see it: the same {@link Status}, history
 * and report as a state folder gives, and the operator's changes made on the rows. Status is one
 * aggregate query; history and report read the days a page of accounts at a time.
 */
public final class PgFarm implements Farm, Marks {

    /**
     * Accounts read per query by history and report: one query per account made a 10,000-account
     * report take 13 s; a page keeps memory to a page's days.
     */
    static final int ACCOUNTS_PER_QUERY = 250;

    private final PgDays days;
    private final String where;
    private final Path fallbackFolder;

    public PgFarm(PgDays days) {
        this(days, "PostgreSQL schema " + days.schema(), null);
    }

    /**
     * @param where the schema and server, for messages; never with the password
     * @param fallbackFolder the state folder the agent saves to while the database is down
     */
    public PgFarm(PgDays days, String where, Path fallbackFolder) {
        this.days = days;
        this.where = where;
        this.fallbackFolder = fallbackFolder;
    }

    PgDays days() {
        return days;
    }

    /** Says where, for messages; never the password. */
    String describe() {
        return "schema " + days.schema();
    }

    @Override
    public Status status(Scope scope, Progress progress) throws IOException {
        List<PgDays.Summary> summaries = call(() -> days.summarize(pg(scope)));
        boolean oneDay = scope.from() != null && scope.from().equals(scope.to());
        // One day's status: what the day before had and this day has not seen is expected, not started.
        Map<List<String>, Integer> notStarted = oneDay
                ? call(() -> days.notStarted(pg(new Scope(scope.account(), scope.type(), scope.from().minusDays(1),
                        scope.from().minusDays(1)))))
                : Map.of();
        Map<String, Map<String, Status.Row>> byAccount = new TreeMap<>();
        for (PgDays.Summary s : summaries) {
            List<Status.Failed> failed = s.failed().stream().map(f -> new Status.Failed(f.id(), f.failure())).toList();
            List<Status.InDoubt> inDoubt = s.inDoubt().stream()
                    .map(d -> new Status.InDoubt(d.id(), d.startedAt())).toList();
            byAccount.computeIfAbsent(s.account(), a -> new TreeMap<>()).put(s.type(), new Status.Row(s.account(),
                    s.type(), s.completed(), s.known(), failed, s.lastUpdate(), null).withInDoubt(inDoubt)
                    .withInterrupted(s.interrupted()));
        }
        notStarted.forEach((accountAndType, count) -> byAccount
                .computeIfAbsent(accountAndType.get(0), a -> new TreeMap<>())
                .merge(accountAndType.get(1), new Status.Row(accountAndType.get(0), accountAndType.get(1), 0, 0,
                        List.of(), null, null).withNotStarted(count), (row, none) -> row.withNotStarted(count)));
        List<List<Status.Row>> perAccount = new ArrayList<>();
        byAccount.values().forEach(types -> perAccount.add(new ArrayList<>(types.values())));
        return Status.of(scope.from(), perAccount);
    }

    @Override
    public <T> List<T> mapAccounts(Scope scope, Progress progress, AccountWork<T> work) throws IOException {
        List<String> accounts = call(() -> days.accounts(pg(scope)));
        List<T> results = new ArrayList<>(accounts.size());
        for (int first = 0; first < accounts.size(); first += ACCOUNTS_PER_QUERY) {
            List<String> page = accounts.subList(first, Math.min(accounts.size(), first + ACCOUNTS_PER_QUERY));
            Map<String, List<StoredDay>> byAccount = new HashMap<>();
            for (DayState day : call(() -> days.load(pg(scope).onlyAccounts(page)))) {
                byAccount.computeIfAbsent(day.key().account(), a -> new ArrayList<>()).add(new LoadedDay(day, describe()));
            }
            for (String account : page) {
                results.add(work.apply(byAccount.getOrDefault(account, List.of())));
                progress.update(results.size(), accounts.size());
            }
        }
        return results;
    }

    @Override
    public Outcome mark(DayKey key, String id) throws IOException {
        return call(() -> days.mark(key, id)) ? Outcome.CHANGED : Outcome.ALREADY_SO;
    }

    @Override
    public Outcome unmark(DayKey key, String id) throws IOException {
        return call(() -> days.unmark(key, id)) ? Outcome.CHANGED : Outcome.ALREADY_SO;
    }

    @Override
    public TodayIndex todayIndex(AccountDays days, int quarantineFailuresPerDay, Clock clock) {
        return new PgTodayIndex(this, days, quarantineFailuresPerDay, clock);
    }

    @Override
    public Unit unit() {
        return Unit.DAY;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public String lookedIn() {
        return " in " + where;
    }

    @Override
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        return call(() -> days.failures(account, date));
    }

    @Override
    public int release(String account, LocalDate date) throws IOException {
        return call(() -> days.release(account, date));
    }

    @Override
    public Marks marks() {
        return this;
    }

    @Override
    public Pruned prune(LocalDate before, boolean dryRun, Progress progress) throws IOException {
        List<PgDays.Pruned> pruned = prune(before, dryRun);
        List<String> removed = new ArrayList<>(pruned.size());
        long rows = 0;
        for (PgDays.Pruned p : pruned) {
            removed.add(line(p.day()) + " (" + p.rows() + (p.rows() == 1 ? " row)" : " rows)"));
            rows += p.rows();
        }
        return new Pruned(removed, String.format("%,d %s", rows, rows == 1 ? "row" : "rows"));
    }

    @Override
    public ResetPlan planReset(Scope scope) throws IOException {
        List<DayKey> plan = plan(scope);
        return new ResetPlan() {
            @Override
            public List<String> items() {
                return plan.stream().map(PgFarm::line).toList();
            }

            /** Today needs nothing here: the database records the reset, and every writer reads it. */
            @Override
            public ResetDone apply(boolean purge, LocalDate today) throws IOException {
                List<ResetDay> done = reset(plan, purge);
                int rows = done.stream().mapToInt(ResetDay::rows).sum();
                return new ResetDone(done.stream().map(d -> line(d.day())).toList(),
                        " (" + rows + (rows == 1 ? " row)" : " rows)"), days.schema() + ".activity_backup");
            }
        };
    }

    /** Rows cannot be corrupt the way a file can: the server checks every one's shape. */
    @Override
    public Verify.Result verify(boolean repair, Progress progress) throws Unsupported {
        throw new Unsupported("verify checks state files, and the config keeps state in " + where
                + " (reachable, jobstate's tables present)"
                + "; pass --dir <folder> to verify a state folder (such as the agent's fallback folder, "
                + fallbackFolder + ")");
    }

    private static String line(DayKey key) {
        return key.account() + " " + key.type() + " " + key.date();
    }

    /** The days a reset of {@code scope} would start afresh. */
    List<DayKey> plan(Scope scope) throws IOException {
        return call(() -> days.days(pg(scope)));
    }

    /** A day started afresh, and how many rows it had. */
    record ResetDay(DayKey day, int rows) {
    }

    /** Each day in its own transaction: rows backed up (unless purged), deleted, the reset recorded. */
    List<ResetDay> reset(List<DayKey> plan, boolean purge) throws IOException {
        List<ResetDay> done = new ArrayList<>(plan.size());
        for (DayKey key : plan) {
            done.add(new ResetDay(key, call(() -> days.reset(key, purge))));
        }
        return done;
    }

    /** The accounts whose days {@code from} to {@code to} changed since the look at {@code since} (null: none). */
    PgDays.Changes changes(Instant since, LocalDate from, LocalDate to) throws IOException {
        return call(() -> days.changes(since, from, to));
    }

    List<PgDays.Pruned> prune(LocalDate before, boolean dryRun) throws IOException {
        return call(() -> days.prune(before, dryRun));
    }

    static PgScope pg(Scope scope) {
        return new PgScope(scope.account(), scope.type(), scope.from(), scope.to());
    }

    /** A day read from rows: it always parses. */
    private record LoadedDay(DayState day, String where) implements StoredDay {
        @Override
        public DayKey key() {
            return day.key();
        }

        @Override
        public String location() {
            return where + " " + day.key();
        }

        @Override
        public StateFiles.Read read() {
            return new StateFiles.Parsed(day);
        }
    }

    @FunctionalInterface
    interface Query<T> {
        T run() throws SQLException;
    }

    /** The commands speak IOException; the database's reason is kept as the message. */
    static <T> T call(Query<T> query) throws IOException {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** PostgreSQL refused or could not be reached; the message is the server's or the driver's. */
    public static final class DatabaseException extends IOException {

        private static final long serialVersionUID = 1L;

        DatabaseException(SQLException cause) {
            super("PostgreSQL: " + cause.getMessage(), cause);
        }
    }
}
