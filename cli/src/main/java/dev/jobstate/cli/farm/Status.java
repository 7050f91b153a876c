package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How a farm stands on one date: one row per account and type, and totals. Rows are small (counts
 * and the failed ids), so 10,000 accounts × 3 types fit easily.
 */
public record Status(LocalDate date, List<Row> rows, Totals totals) {

    /**
     * @param known completed plus remaining
     * @param failed remaining ids that have a recorded failure, with it
     * @param problem why the file could not be read, or null; the counts are then zero
     */
    public record Row(String account, String type, int completed, int known, List<Failed> failed,
                      Instant lastUpdate, String problem) {
    }

    public record Failed(String id, LastFailure failure) {
    }

    /**
     * @param rate completed / known over all rows, 0 to 1 (1 when nothing is known)
     * @param accountsDone accounts with nothing left to do in any type
     * @param gaveUp of the failed ones, those that used up their {@code @Activity(maxAttempts)} for the
     *     day: no call runs them again today unless an operator unmarks them
     */
    public record Totals(int accounts, int accountsDone, int rows, long completed, long known,
                         long failed, long gaveUp, int unreadable, double rate) {
    }

    public static Status of(StateDir dir, Scope scope, Progress progress) throws IOException {
        StateFiles files = dir.files();
        List<List<Row>> perFolder = dir.mapFolders(scope, progress, (folder, days) -> {
            List<Row> rows = new ArrayList<>(days.size());
            for (DayFileRef ref : days) {
                rows.add(row(ref, files.read(ref.file(), ref.key())));
            }
            return rows;
        });
        return of(scope.from(), perFolder);
    }

    /** A status from rows already made, grouped by account (a group per account, in order). */
    static Status of(LocalDate date, List<List<Row>> perAccount) {
        List<Row> rows = new ArrayList<>();
        perAccount.forEach(rows::addAll);
        return new Status(date, rows, totals(perAccount));
    }

    static Row row(DayFileRef ref, StateFiles.Read read) {
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
        int completed = day.completed().size();
        return new Row(ref.account(), ref.type(), completed, completed + day.remaining().size(),
                List.copyOf(failed), day.lastUpdate(), null);
    }

    private static Totals totals(List<List<Row>> perFolder) {
        int accounts = 0;
        int accountsDone = 0;
        int rows = 0;
        long completed = 0;
        long known = 0;
        long failed = 0;
        long gaveUp = 0;
        int unreadable = 0;
        for (List<Row> folder : perFolder) {
            if (folder.isEmpty()) {
                continue;
            }
            accounts++;
            boolean done = true;
            for (Row row : folder) {
                rows++;
                completed += row.completed();
                known += row.known();
                failed += row.failed().size();
                gaveUp += row.failed().stream().filter(f -> f.failure().gaveUp()).count();
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
        double rate = known == 0 ? 1.0 : (double) completed / known;
        return new Totals(accounts, accountsDone, rows, completed, known, failed, gaveUp, unreadable, rate);
    }
}
