package dev.jobstate.cli.farm;

import java.io.IOException;
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

    @FunctionalInterface
    interface AccountWork<T> {
        T apply(List<StoredDay> days) throws IOException;
    }
}
