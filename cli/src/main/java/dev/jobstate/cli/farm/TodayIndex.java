package dev.jobstate.cli.farm;

import java.io.IOException;

/**
 * Today's {@link Status} of a whole farm kept up to date for a page that watches it: each
 * {@link #refresh()} reads again only what changed since the last one, so a farm of 10,000 accounts
 * can be looked at every second. Not thread-safe: one thread refreshes; any thread may read
 * {@link #today()} and {@link #versionOf}.
 */
public interface TodayIndex {

    /**
     * Brings the index up to date with the store.
     *
     * @throws IOException when the store cannot be read at all (the state folder is gone, the
     *     database is down); {@link #today()} then keeps the last good view
     */
    Refresh refresh() throws IOException;

    /** The latest view, or null before the first refresh succeeded. */
    FarmToday today();

    /**
     * The {@link FarmToday#version()} at which {@code account}'s rows last changed (0 if never seen):
     * a page showing one account asks this before reading its days again.
     */
    long versionOf(String account);

    /**
     * What one refresh did.
     *
     * @param checked accounts whose stamp was compared
     * @param reread accounts whose days were read again
     */
    record Refresh(int checked, int reread, boolean changed) {
    }
}
