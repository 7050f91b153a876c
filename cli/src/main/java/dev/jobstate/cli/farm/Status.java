package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a farm stands on one date: one row per account and type, and totals. Rows are small (counts
 * and the failed ids), so 10,000 accounts × 3 types fit easily.
 */
public record Status(LocalDate date, List<Row> rows, Totals totals) {

    /**
     * Least done first (an unreadable row before all, nothing being known of it), then the most left
     * to do; ties by name, so the same farm always lists the same first rows. The report's Today
     * section and the dashboard both list in this order.
     */
    public static final Comparator<Row> WORST_FIRST = Comparator.comparingDouble(Status::rate)
            .thenComparing(Comparator.<Row>comparingInt(row -> row.known() - row.completed()).reversed())
            .thenComparing(Row::account).thenComparing(Row::type);

    private static double rate(Row row) {
        return row.problem() != null ? -1 : row.known() == 0 ? 1 : (double) row.completed() / row.known();
    }

    /**
     * @param known completed, remaining and not started
     * @param failed remaining ids that have a recorded failure, with it
     * @param notStarted ids the account's day before had (done or not) that this day has not seen:
     *     what is expected and has not started yet, with no help from the bot
     * @param problem why the file could not be read, or null; the counts are then zero
     * @param inDoubt {@code @Activity(once = true)} ids that started and never ended: each waits for an
     *     operator's mark or unmark (one a bot runs right now is listed too)
     * @param interrupted other ids that started in a run that died before they ended, and have not
     *     ended since
     */
    public record Row(String account, String type, int completed, int known, List<Failed> failed,
                      int notStarted, Instant lastUpdate, String problem, List<InDoubt> inDoubt, int interrupted) {

        public Row(String account, String type, int completed, int known, List<Failed> failed, Instant lastUpdate,
                   String problem) {
            this(account, type, completed, known, failed, 0, lastUpdate, problem, List.of(), 0);
        }

        /** The row as it stands once {@code count} more activities are known not to have started. */
        public Row withNotStarted(int count) {
            return count == 0 ? this : new Row(account, type, completed, known + count, failed, notStarted + count,
                    lastUpdate, problem, inDoubt, interrupted);
        }

        public Row withInDoubt(List<InDoubt> ids) {
            return ids.isEmpty() ? this : new Row(account, type, completed, known, failed, notStarted, lastUpdate,
                    problem, List.copyOf(ids), interrupted);
        }

        public Row withInterrupted(int count) {
            return count == interrupted ? this : new Row(account, type, completed, known, failed, notStarted,
                    lastUpdate, problem, inDoubt, count);
        }
    }

    public record Failed(String id, LastFailure failure) {
    }

    /** An {@code @Activity(once = true)} that started at {@code startedAt} (null: unknown) and never ended. */
    public record InDoubt(String id, Instant startedAt) {
    }

    /**
     * @param rate completed / known over all rows, 0 to 1 (1 when nothing is known)
     * @param accountsDone accounts with nothing left to do in any type, nothing unstarted included
     * @param gaveUp of the failed ones, those that used up their {@code @Activity(maxAttempts)} for the
     *     day: no call runs them again today unless an operator unmarks them
     * @param notStarted activities expected (from the day before) that have not started
     * @param inDoubt once activities started and never ended
     * @param interrupted other activities a run that died started and nothing ended since
     */
    public record Totals(int accounts, int accountsDone, int rows, long completed, long known,
                         long failed, long gaveUp, long notStarted, int unreadable, double rate, long inDoubt,
                         long interrupted) {
    }

    public static Status of(StateDir dir, Scope scope, Progress progress) throws IOException {
        LocalDate date = scope.from();
        boolean oneDay = date != null && date.equals(scope.to());
        // One day's status also reads the day before: what it had is what is expected today.
        Scope withDayBefore = oneDay ? new Scope(scope.account(), scope.type(), date.minusDays(1), date) : scope;
        // Both days' files mostly stand as the last status found them: what it kept of them serves.
        StatusCache cache = oneDay ? dir.statusCache() : null;
        DayReader files = cache != null ? cache : dir.countingReader();
        Unended unended = Unended.read(dir.root());
        List<List<Row>> perFolder;
        if (cache != null) {
            // The cache stats each folder for its stamp: that stat also tells folders from other entries.
            perFolder = dir.mapEntries(withDayBefore, progress, folder -> cache.folderRows(folder, withDayBefore, dir,
                    unended, (days, reader) -> folderRows(reader, days, date, unended)));
        } else {
            perFolder = dir.mapFolders(withDayBefore, progress, folder -> dir.dayFiles(folder, withDayBefore),
                    (folder, days) -> folderRows(files, days, oneDay ? date : null, unended));
        }
        if (cache != null) {
            cache.scanned(withDayBefore);
            cache.save();
        }
        return of(date, oneDay ? unended.withFileless(perFolder, scope, date) : perFolder);
    }

    /**
     * The rows of one account folder's days, by type then date; what {@code status} shows of it.
     *
     * @param date with one date, its rows, each with what the day before (also in {@code days})
     *     had and it has not started; null for every day in {@code days} as it is
     */
    static List<Row> folderRows(DayReader files, List<DayFileRef> days, LocalDate date, Unended unended)
            throws IOException {
        List<Row> rows = new ArrayList<>(days.size());
        DayFileRef before = null;
        for (DayFileRef ref : days) { // by type, then date
            if (date != null && ref.date().isBefore(date)) {
                if (before != null) {
                    addExpected(rows, before, date, files, unended);
                }
                before = ref;
                continue;
            }
            StateFiles.Read read = files.read(ref);
            Row row = row(ref, read, unended);
            if (before != null && before.type().equals(ref.type())) {
                if (read instanceof StateFiles.Parsed parsed) {
                    row = row.withNotStarted(notStarted(files, before, parsed.day(),
                            unended.interrupted(ref.key(), parsed.day())));
                }
            } else if (before != null) {
                addExpected(rows, before, date, files, unended);
            }
            before = null;
            rows.add(row);
        }
        if (before != null) {
            addExpected(rows, before, date, files, unended);
        }
        return rows;
    }

    /**
     * A type the day before had and this day has no file of yet: all of it is still to start, but
     * what a dead run started today and never ended, which is interrupted.
     */
    private static void addExpected(List<Row> rows, DayFileRef before, LocalDate date, DayReader files,
                                    Unended unended) throws IOException {
        DayKey today = new DayKey(before.account(), before.type(), date);
        Set<String> interrupted = unended.interrupted(today, null);
        unended.shown(today);
        int expected = notStarted(files, before, null, interrupted);
        if (expected > 0 || !interrupted.isEmpty()) {
            rows.add(new Row(before.account(), before.type(), 0, 0, List.of(), null, null).withNotStarted(expected)
                    .withInterrupted(interrupted.size()));
        }
    }

    /** The ids {@code before}'s file knows that {@code today} (null: no day yet) has not seen, nor a run started. */
    private static int notStarted(DayReader files, DayFileRef before, DayState today, Set<String> interrupted)
            throws IOException {
        if (!(files.read(before) instanceof StateFiles.Parsed parsed)) {
            return 0; // an unreadable day before expects nothing; verify names it
        }
        DayState previous = parsed.day();
        Set<String> expected = new LinkedHashSet<>(previous.completed());
        expected.addAll(previous.remaining());
        expected.removeAll(interrupted);
        if (today != null) {
            expected.removeAll(today.completed());
            expected.removeAll(today.remaining());
            expected.removeAll(today.failures().keySet());
            expected.removeAll(today.notes().runs().keySet());
        }
        return expected.size();
    }

    /**
     * How each account stands on its own today ({@code back} 0) or the day before ({@code back} 1),
     * when accounts' days differ ({@code jobState.accounts}): each date that is some account's day
     * is read, and each account keeps the rows of its own.
     *
     * @param type only this type, or null for all
     */
    public static Status ofOwnDays(DaySource source, AccountDays days, Instant now, int back, String type,
                                   Progress progress) throws IOException {
        Map<LocalDate, Status> byDate = new TreeMap<>();
        for (LocalDate current : days.currentDates(now)) {
            LocalDate day = current.minusDays(back);
            byDate.put(day, source.status(Scope.day(day).withType(type), progress));
        }
        return ofOwnDays(days.defaultSchedule().dateAt(now).minusDays(back), byDate,
                account -> days.dateOf(account, now).minusDays(back));
    }

    /**
     * How each account stands on its own day, when accounts' days differ ({@code jobState.accounts}).
     *
     * @param date the date to show for the farm: the default day's
     * @param byDate the status of each date that is some account's day
     * @param dayOf each account's day; only its rows of that date are kept
     */
    public static Status ofOwnDays(LocalDate date, Map<LocalDate, Status> byDate, Function<String, LocalDate> dayOf) {
        Map<String, List<Row>> byAccount = new TreeMap<>();
        byDate.forEach((day, status) -> {
            for (Row row : status.rows()) {
                if (day.equals(dayOf.apply(row.account()))) {
                    byAccount.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(row);
                }
            }
        });
        return of(date, new ArrayList<>(byAccount.values()));
    }

    /** A status from rows already made, grouped by account (a group per account, in order). */
    static Status of(LocalDate date, List<List<Row>> perAccount) {
        List<Row> rows = new ArrayList<>();
        perAccount.forEach(rows::addAll);
        return new Status(date, rows, totals(perAccount));
    }

    static Row row(DayFileRef ref, StateFiles.Read read) {
        return row(ref, read, Unended.NONE);
    }

    /** The row of a day file, with what runs' journals say of it ({@link Unended}). */
    static Row row(DayFileRef ref, StateFiles.Read read, Unended unended) {
        unended.shown(ref.key());
        if (read instanceof StateFiles.Unreadable bad) {
            return new Row(ref.account(), ref.type(), 0, 0, List.of(), null, bad.reason());
        }
        DayState day = ((StateFiles.Parsed) read).day();
        List<Failed> failed = new ArrayList<>();
        for (String id : day.remaining()) {
            LastFailure failure = day.failures().get(id);
            if (failure != null) {
                failed.add(new Failed(id, failure));
            }
        }
        Set<String> runningNow = unended.runningNow(ref.key());
        List<InDoubt> inDoubt = new ArrayList<>();
        day.notes().started().forEach((id, at) -> {
            if (!runningNow.contains(id)) {
                inDoubt.add(new InDoubt(id, at));
            }
        });
        Set<String> interrupted = unended.interrupted(ref.key(), day);
        int unseen = (int) interrupted.stream().filter(id -> !day.remaining().contains(id)).count();
        int completed = day.completed().size();
        return new Row(ref.account(), ref.type(), completed, completed + day.remaining().size() + unseen,
                List.copyOf(failed), day.lastUpdate(), null).withInDoubt(inDoubt).withInterrupted(interrupted.size());
    }

    private static Totals totals(List<List<Row>> perFolder) {
        Counts counts = new Counts();
        for (List<Row> folder : perFolder) {
            counts.add(folder);
        }
        return counts.totals();
    }

    /**
     * The totals, counted a folder at a time by a method of its own: it is compiled after a few
     * hundred of the 10,000 folders, where one loop over them all would run in the interpreter to its end.
     */
    private static final class Counts {
        private int accounts;
        private int accountsDone;
        private int rows;
        private long completed;
        private long known;
        private long failed;
        private long gaveUp;
        private long notStarted;
        private long inDoubt;
        private long interrupted;
        private int unreadable;

        void add(List<Row> folder) {
            if (folder.isEmpty()) {
                return;
            }
            accounts++;
            boolean done = true;
            for (Row row : folder) {
                rows++;
                completed += row.completed();
                known += row.known();
                failed += row.failed().size();
                for (Failed f : row.failed()) { // a loop: a stream per row of 30,000 showed in profiles
                    if (f.failure().gaveUp()) {
                        gaveUp++;
                    }
                }
                notStarted += row.notStarted();
                inDoubt += row.inDoubt().size();
                interrupted += row.interrupted();
                if (row.problem() != null) {
                    unreadable++;
                    done = false;
                }
                done &= row.completed() == row.known();
            }
            if (done) {
                accountsDone++;
            }
        }

        Totals totals() {
            double rate = known == 0 ? 1.0 : (double) completed / known;
            return new Totals(accounts, accountsDone, rows, completed, known, failed, gaveUp, notStarted, unreadable,
                    rate, inDoubt, interrupted);
        }
    }
}
