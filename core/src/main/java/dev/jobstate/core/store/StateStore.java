package dev.jobstate.core.store;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.Mutation;
import java.io.IOException;
import java.time.LocalDate;

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
     * The day, first picking up what another process may have written since it was loaded. Costs
     * I/O; callers use it only before running an activity, never to skip one.
     */
    Completions reread(DayKey key);

    /**
     * Applies {@code change} and makes it durable before returning.
     *
     * @throws IOException when it could not be made durable; the change is then kept in memory
     *     and written with the next checkpoint of that day that succeeds
     */
    void checkpoint(DayKey key, Mutation change) throws IOException;

    /** Drops from memory every day but {@code today}, so a bot that runs for months stays small. */
    void retainOnly(LocalDate today);
}
