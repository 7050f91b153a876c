package dev.jobstate.core.store;

import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;

/**
 * Where days are kept. Reads are served from memory once a day is loaded, and memory holds only
 * what skipping needs ({@link Completions}); a checkpoint returns only once it is durable.
 */
public interface StateStore {

    /**
     * The day's completions as this process knows them, loading them on first use. Never blocks on
     * a writer, and after the first use costs no I/O: this is the skip path.
     *
     * @param nowMillis the caller's clock, for upkeep a store does from time to time (the file store
     *     looks for an operator's change every half second), so the skip path reads the clock once
     */
    Completions read(DayKey key, long nowMillis);

    /**
     * Called just before activity {@code id} runs: picks up what other processes or workers did
     * since the day was loaded, and where workers share the store, claims the activity for this
     * one (waiting, within bounds, while another worker holds it). Costs I/O; never on the skip path.
     *
     * @return {@link Claim.Done} when the activity turned out to be complete, else the right to run it
     */
    Claim claim(DayKey key, String id);

    /**
     * {@link #claim} for an {@code @Activity(once = true)}: an activity that started and never ended
     * is answered {@link Claim.InDoubt} instead of being taken over. The engine then checkpoints a
     * {@link Mutation.Started} before the body runs; a store whose claim is itself a durable record
     * of the start (a row) need not write it again. A store that records no starts claims as usual.
     */
    default Claim claimOnce(DayKey key, String id) {
        return claim(key, id);
    }

    /**
     * Applies {@code change} and makes it durable before returning. The one way state changes:
     * activities' outcomes and operators' marks alike.
     *
     * @param lease what {@link #claim} granted for the run that ended, or {@link Lease#NONE} for a
     *     change that holds no lease (an operator's); a store shared by workers drops an outcome whose
     *     lease passed to another worker
     * @throws IOException when it could not be made durable; the change is then kept in memory
     *     and written with the next checkpoint of that day that succeeds
     */
    void checkpoint(DayKey key, Mutation change, Lease lease) throws IOException;

    /** {@link #checkpoint(DayKey, Mutation, Lease)} of a change that holds no lease. */
    default void checkpoint(DayKey key, Mutation change) throws IOException {
        checkpoint(key, change, Lease.NONE);
    }

    /**
     * Notes that {@code id} starts running, for a store that keeps a journal of runs so that an
     * interrupted one shows ({@code status}). Never forced to disk, never fails: it is not state.
     */
    default void runStarted(DayKey key, String id) {
    }

    /** Notes that the run {@link #runStarted} noted has ended, its outcome checkpointed or not. */
    default void runEnded(DayKey key, String id) {
    }

    /**
     * Drops from memory every day whose date is not in {@code dates}, so a bot that runs for months
     * stays small. The engine passes every date that is some account's today: with accounts in
     * several zones or with days that start at other hours, that is more than one date.
     */
    void retainOnly(Set<LocalDate> dates);

    /**
     * What a quarantine needs of an account's day: its failed attempts in every type, and how many
     * there were when an operator last released it. Costs I/O; the engine asks once per account and
     * day, and again at most once a second while the account is in quarantine. A store that keeps
     * no such count says none.
     */
    default AccountFailures failures(String account, LocalDate date) throws IOException {
        return AccountFailures.NONE;
    }
}
