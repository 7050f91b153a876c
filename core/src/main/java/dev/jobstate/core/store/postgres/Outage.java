package dev.jobstate.core.store.postgres;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The time the database cannot be used, and what the store does meanwhile: checkpoints go to the
 * local file store, which is durable in its own right; every few seconds the database is tried
 * again, and when it answers, the days recorded locally are merged into it before the store uses
 * it again. Said once when it starts and once when it ends.
 */
final class Outage {

    static final long PROBE_MILLIS = 2_000;

    private final PgConnections connections;
    private final FileStateStore fallback;
    private final DayMerger merger;
    private final Clock clock;
    private final Runnable forgetLoadedDays;
    private final StateFiles files = new StateFiles();
    private final Set<DayKey> recorded = ConcurrentHashMap.newKeySet();
    // Writers of local checkpoints share it; ending the outage takes it alone, so no local write
    // is under way when the last merge starts.
    private final ReadWriteLock ending = new ReentrantReadWriteLock();
    private final Background background;
    private volatile boolean on;

    Outage(PgConnections connections, FileStateStore fallback, DayMerger merger, Clock clock,
           Runnable forgetLoadedDays, Background background) {
        this.background = background;
        this.connections = connections;
        this.fallback = fallback;
        this.merger = merger;
        this.clock = clock;
        this.forgetLoadedDays = forgetLoadedDays;
    }

    boolean isOn() {
        return on;
    }

    FileStateStore fallback() {
        return fallback;
    }

    synchronized void begin(Exception cause) {
        if (on) {
            return;
        }
        on = true;
        Log.warn("PostgreSQL at " + connections.settings().url() + " cannot be used: " + sentence(why(cause))
                + " Activities keep running; their checkpoints go to " + fallback.root() + " and are merged"
                + " into PostgreSQL when it is back (said once; a line follows when it returns).");
        background.after(PROBE_MILLIS, this::probe);
    }

    /**
     * The driver's message, and what it wraps: "An I/O error occurred while sending to the backend"
     * says more with its EOFException. The pool's "request timed out" says nothing that its cause
     * (a refused connection, a bad password) does not.
     */
    private static String why(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == cause) {
            return Log.describe(cause);
        }
        if (cause instanceof SQLTransientConnectionException) {
            return Log.describe(root);
        }
        String outer = Log.describe(cause);
        return (outer.endsWith(".") ? outer.substring(0, outer.length() - 1) : outer) + " (" + Log.describe(root) + ")";
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** What is known of a day meanwhile: what the database said before it went, and the local file. */
    Completions view(DayKey key, Completions fromDatabase, long nowMillis) {
        Completions local = fallback.read(key, nowMillis);
        return fromDatabase == null ? local : fromDatabase.plus(local);
    }

    /**
     * Checkpoints {@code change} locally.
     *
     * @return false when the outage ended meanwhile: the caller writes to the database instead
     */
    boolean record(DayKey key, Mutation change) throws IOException {
        ending.readLock().lock();
        try {
            if (!on) {
                return false;
            }
            try {
                fallback.checkpoint(key, change);
            } finally {
                // After the write: a merge that took the day off the list and read the file before
                // this write landed finds the day back on the list, and merges it again.
                recorded.add(key);
            }
            return true;
        } finally {
            ending.readLock().unlock();
        }
    }

    private void probe() {
        try (Connection connection = connections.get()) {
            int days = merge(connection, recordedFiles());
            ending.writeLock().lock();
            try {
                on = false;
            } finally {
                ending.writeLock().unlock();
            }
            // Anything recorded between the first merge and the end of the outage.
            days += merge(connection, recordedFiles());
            forgetLoadedDays.run();
            Log.info("PostgreSQL at " + connections.settings().url() + " is back; " + days
                    + " day(s) checkpointed locally meanwhile are merged into it.");
        } catch (SQLException | RuntimeException e) {
            Log.debug("PostgreSQL is still unavailable: " + Log.describe(e));
            if (on) {
                background.after(PROBE_MILLIS, this::probe);
            } else {
                begin(e);
            }
        }
    }

    /**
     * Merges the local days dated around today: what a run that ended (or was killed) during an
     * outage recorded there. Older days are the operator's to import ({@code jobstate import}).
     */
    void mergeRecentDays(Connection connection) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<DayFileRef> days;
        try {
            days = DayFileRef.listAll(fallback.root(), today.minusDays(1), today.plusDays(1));
        } catch (IOException e) {
            Log.warn("cannot list " + fallback.root() + " for days checkpointed while PostgreSQL was away: "
                    + Log.describe(e) + "; import them with: java -jar jobstate.jar import");
            return;
        }
        int merged = merge(connection, days);
        if (merged > 0) {
            Log.info(merged + " day(s) checkpointed locally while PostgreSQL was away are merged into it.");
        }
    }

    private List<DayFileRef> recordedFiles() {
        List<DayFileRef> days = new ArrayList<>();
        for (DayKey key : recorded) {
            days.add(new DayFileRef(fallback.fileOf(key), key.account(), key.type(), key.date()));
        }
        return days;
    }

    /** @return how many days were merged; each merged day leaves {@code recorded} */
    private int merge(Connection connection, List<DayFileRef> days) throws SQLException {
        int merged = 0;
        for (DayFileRef day : days) {
            Path file = day.file();
            DayKey key = day.key();
            // Off the list before the file is read, not after: a local checkpoint that lands once the
            // file was read puts its day back on the list, so the next merge (the one after the
            // outage ends) takes it. Removing it after the merge dropped such a checkpoint.
            boolean wasRecorded = recorded.remove(key);
            boolean keep = true;
            try {
                StateFiles.Read read;
                try {
                    read = files.read(file, key);
                } catch (IOException e) {
                    Log.warn("cannot read " + file + " to merge it into PostgreSQL: " + Log.describe(e));
                    continue;
                }
                if (read instanceof StateFiles.Parsed parsed) {
                    merger.merge(connection, parsed.day());
                    merged++;
                } else if (read instanceof StateFiles.Unreadable unreadable) {
                    Log.warn(file + " cannot be merged into PostgreSQL: " + unreadable.reason());
                }
                keep = false;
            } finally {
                // Not merged (unreadable for now, or the database failed): try it again next time.
                if (keep && wasRecorded) {
                    recorded.add(key);
                }
            }
        }
        return merged;
    }
}
