package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.store.AccountFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * A farm as the operator's commands act on it, whichever store keeps it: a state folder
 * ({@link StateDir}) or a PostgreSQL schema ({@link PgFarm}). A command asks the farm and prints
 * what it answers, so no command knows which store is behind it; where a store has its own words
 * (files or days, bytes or rows) the farm gives them, and where a store cannot do what is asked it
 * says why instead.
 */
public interface Farm extends DaySource {

    /** What this farm keeps an account's day of one type in, for messages. */
    Unit unit();

    /** For messages: the state folder, or the PostgreSQL schema and server; never a password. */
    String where();

    /**
     * The end of a message that found nothing: empty for a state folder, which the operator sees,
     * {@code " in <where>"} for PostgreSQL, which the config names out of sight.
     */
    String lookedIn();

    /**
     * Today's status of the whole farm, kept up to date by reading again only what changed, for a
     * page that watches it ({@code serve}).
     *
     * @param days which day is today for each account
     * @param quarantineFailuresPerDay the config's quarantine limit; 0 for none
     */
    TodayIndex todayIndex(AccountDays days, int quarantineFailuresPerDay, Clock clock);

    /** Where an operator's word on one activity (mark, unmark) is written. */
    Marks marks();

    /** {@code account}'s failed attempts on {@code date}, in every type, and its last release from quarantine. */
    AccountFailures failures(String account, LocalDate date) throws IOException;

    /**
     * Releases {@code account} from quarantine on {@code date}: its failures until now no longer
     * count, and a running bot sees it within seconds.
     *
     * @return the failures that no longer count
     */
    int release(String account, LocalDate date) throws IOException;

    /** Removes the days dated strictly before {@code before}; on a dry run only says which. */
    Pruned prune(LocalDate before, boolean dryRun, Progress progress) throws IOException;

    /** What a reset of {@code scope} would start afresh; nothing changes until it is applied. */
    ResetPlan planReset(Scope scope) throws IOException;

    /**
     * Reads every day and says which cannot be read and why; with {@code repair}, sets those aside.
     *
     * @throws Unsupported when this store has nothing that could be unreadable
     */
    Verify.Result verify(boolean repair, Progress progress) throws IOException, Unsupported;

    /**
     * The words for what a farm keeps a day in.
     *
     * @param one and {@code many}: what prune and reset count, "file" or "day"
     * @param kind what history and report say they found or did not, "state files" or "days"
     */
    record Unit(String one, String many, String kind) {

        public static final Unit FILE = new Unit("file", "files", "state files");
        public static final Unit DAY = new Unit("day", "days", "days");

        /** {@code one} for 1, else {@code many}. */
        public String of(long count) {
            return count == 1 ? one : many;
        }
    }

    /**
     * What a prune removed, or would have.
     *
     * @param removed a line per file or day, as the operator reads it
     * @param measure how much that was, "freed 16 B" or "3 rows"
     */
    record Pruned(List<String> removed, String measure) {
    }

    /** The days a reset would start afresh, listed before anything changes. */
    interface ResetPlan {

        /** A line per file or day, in the order they are reset. */
        List<String> items();

        /**
         * Starts them afresh: kept as a backup, or deleted for good when {@code purge}.
         *
         * @param today the bot's current date: a bot may still be writing that day, so it is
         *     replaced by a fresh day that remembers the reset
         */
        ResetDone apply(boolean purge, LocalDate today) throws IOException;
    }

    /**
     * What a reset did.
     *
     * @param items a line per file or day reset: where it was, or where its backup is
     * @param measure said after the count, such as {@code " (5 rows)"}; empty when there is nothing to add
     * @param keptIn where the backups are (not used after a purge)
     */
    record ResetDone(List<String> items, String measure, String keptIn) {
    }

    /** This store cannot do what was asked; the message says why and what to do instead. */
    final class Unsupported extends Exception {

        private static final long serialVersionUID = 1L;

        public Unsupported(String message) {
            super(message);
        }
    }
}
