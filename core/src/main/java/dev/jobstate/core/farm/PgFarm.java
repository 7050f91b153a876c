package dev.jobstate.core.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.store.file.StateFiles;
import dev.jobstate.core.store.postgres.PgDays;
import dev.jobstate.core.store.postgres.PgScope;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A farm kept in PostgreSQL, as the operator's commands see it: the same {@link Status}, history
 * and report as a state folder gives, and the operator's changes made on the rows. Status is one
 * aggregate query; history and report read the days a page of accounts at a time.
 */
public final class PgFarm implements DaySource, Marks {

    /**
     * Accounts read per query by history and report: one query per account made a 10,000-account
     * report take 13 s; a page keeps memory to a page's days.
     */
    static final int ACCOUNTS_PER_QUERY = 250;

    private final PgDays days;

    public PgFarm(PgDays days) {
        this.days = days;
    }

    public PgDays days() {
        return days;
    }

    /** Says where, for messages; never the password. */
    public String describe() {
        return "schema " + days.schema();
    }

    @Override
    public Status status(Scope scope, Progress progress) throws IOException {
        List<PgDays.Summary> summaries = call(() -> days.summarize(pg(scope)));
        List<List<Status.Row>> perAccount = new ArrayList<>();
        String account = null;
        for (PgDays.Summary s : summaries) {
            if (!s.account().equals(account)) {
                perAccount.add(new ArrayList<>());
                account = s.account();
            }
            List<Status.Failed> failed = s.failed().stream().map(f -> new Status.Failed(f.id(), f.failure())).toList();
            perAccount.get(perAccount.size() - 1).add(new Status.Row(s.account(), s.type(), s.completed(), s.known(),
                    failed, s.lastUpdate(), null));
        }
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

    /** The days a reset of {@code scope} would start afresh. */
    public List<DayKey> plan(Scope scope) throws IOException {
        return call(() -> days.days(pg(scope)));
    }

    /** A day started afresh, and how many rows it had. */
    public record ResetDay(DayKey day, int rows) {
    }

    /** Each day in its own transaction: rows backed up (unless purged), deleted, the reset recorded. */
    public List<ResetDay> reset(List<DayKey> plan, boolean purge) throws IOException {
        List<ResetDay> done = new ArrayList<>(plan.size());
        for (DayKey key : plan) {
            done.add(new ResetDay(key, call(() -> days.reset(key, purge))));
        }
        return done;
    }

    public List<PgDays.Pruned> prune(LocalDate before, boolean dryRun) throws IOException {
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
