package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the operator's commands read days from: a state folder ({@link StateDir}) or a PostgreSQL
 * schema ({@link PgFarm}). Each reads in the way that is cheap for it: files folder by folder in
 * parallel, rows in a few queries.
 */
public interface DaySource {

    /** How the days of {@code scope} stand (one date). */
    Status status(Scope scope, Progress progress) throws IOException;

    /**
     * Applies {@code work} to each account's days in {@code scope} (by type, then date) and returns
     * the results in account order. Accounts may be visited in parallel; {@code work} should return
     * something small.
     */
    <T> List<T> mapAccounts(Scope scope, Progress progress, AccountWork<T> work) throws IOException;

    /**
     * As {@link #mapAccounts}, for work that needs only each day's {@link DayTally} (the report):
     * a store may keep tallies between runs, checked against each day before it is used.
     */
    default <T> List<T> mapTallies(Scope scope, Progress progress, TallyWork<T> work) throws IOException {
        return mapAccounts(scope, progress, days -> {
            List<DayTally.Of> tallies = new ArrayList<>(days.size());
            for (StoredDay day : days) {
                DayTally tally = day.read() instanceof StateFiles.Parsed parsed ? DayTally.of(parsed.day()) : null;
                tallies.add(new DayTally.Of(day.key(), day.location(), tally));
            }
            return work.apply(tallies);
        });
    }

    @FunctionalInterface
    interface TallyWork<T> {
        T apply(List<DayTally.Of> days) throws IOException;
    }

    @FunctionalInterface
    interface AccountWork<T> {
        T apply(List<StoredDay> days) throws IOException;
    }
}
