package dev.jobstate.core.store.file;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.telemetry.Telemetry;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One state file in memory, and the only way to it on disk.
 *
 * <p>Readers get {@link #view(long)}, an immutable state swapped in whole, and never wait for a write.
 * Checkpoints are committed in groups: callers queue their change; whichever caller finds no write
 * under way becomes the writer, takes every queued change, and writes them in one durable replace
 * while the others wait. Each caller returns only once the write holding its change is durable (or
 * failed). No background thread is involved, so nothing is left running when the host exits.
 *
 * <p>A write holds the account folder's lock, reads the file, and applies this process's unsaved
 * changes on top: changes from several writers add up, and {@code completed} never loses an id.
 * Between writes only the day's {@link Completions} stay in memory; the rest of the state is in the
 * file, which every write reads anyway to pick up other writers.
 */
final class DayFile {

    /** By default, how stale a bot's view of a file may get before a read looks at the file again. */
    static final long DISK_CHECK_MILLIS = 500;

    private static final ThreadLocal<Written> LAST_WRITTEN = new ThreadLocal<>();
    private static final String STORE = "file";

    private final DayKey key;
    private final Function<DayKey, Path> locate; // where the file is; not kept, one less Path per day
    private final FolderLock folder;
    private final StateCodec codec;
    private final Clock clock;
    private final boolean groupCommit;
    private final long diskCheckMillis;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ioDone = lock.newCondition();
    private List<Queued> queue; // null while empty, as it is between writes: one list less per day
    private boolean ioUnderWay;

    private volatile Completions view; // null until the file has been read (or found absent) once
    /** The caller's clock millis from which a read looks at the file's stamp again. */
    private volatile long nextDiskCheck;

    // Touched only by the thread doing this file's I/O (ioUnderWay), which hands them on through lock.
    private List<Mutation> unsaved = List.of();
    private volatile FileStamp diskStamp; // the file's version that view reflects; read unlocked by refresh

    DayFile(DayKey key, Function<DayKey, Path> locate, FolderLock folder, StateCodec codec, Clock clock,
            boolean groupCommit, long diskCheckMillis) {
        this.diskCheckMillis = diskCheckMillis;
        this.key = key;
        this.locate = locate;
        this.folder = folder;
        this.codec = codec;
        this.clock = clock;
        this.groupCommit = groupCommit;
    }

    Path path() {
        return locate.apply(key);
    }

    /** The day's completions as known here without any I/O; none if it could not be loaded. */
    Completions known() {
        Completions current = view;
        return current != null ? current : Completions.NONE;
    }

    /**
     * The day's completions as known here, loading them on first use. At most once per
     * {@link #DISK_CHECK_MILLIS} it also looks at the file's stamp (one {@code stat}, a read only if it
     * changed), so an operator's unmark or reset reaches a running bot that only skips; every other
     * call is memory only.
     */
    Completions view(long nowMillis) throws IOException {
        Completions current = view;
        if (current == null) {
            return refresh(false);
        }
        long next = nextDiskCheck;
        // The caller's clock, read once for the whole skip; a clock set back counts as due too.
        if (nowMillis >= next || next - nowMillis > diskCheckMillis) {
            return recheckIfIdle(current, nowMillis);
        }
        return current;
    }

    /** A skip must never wait: if a write is under way it brings the view up to date anyway. */
    private Completions recheckIfIdle(Completions current, long nowMillis) {
        nextDiskCheck = nowMillis + diskCheckMillis;
        if (!lock.tryLock()) {
            return current;
        }
        try {
            if (ioUnderWay) {
                return current;
            }
            ioUnderWay = true;
        } finally {
            lock.unlock();
        }
        try {
            Interrupts.held(() -> readIfChanged(false));
            return view;
        } catch (IOException | RuntimeException e) {
            // The next write reports a sick disk; a skip keeps what it knew.
            return current;
        } finally {
            finishIo(List.of(), null);
        }
    }

    /**
     * Picks up a file another process wrote since we last looked, at the cost of one stat when
     * nobody did. Never waits for a write of ours under way (that write reads the file anyway).
     */
    Completions refresh(boolean evenIfLoaded) throws IOException {
        Completions current = view;
        if (current != null && evenIfLoaded && Objects.equals(FileStamp.of(path()), diskStamp)) {
            return current; // nobody replaced the file since it was last read or written: one stat
        }
        lock.lock();
        try {
            if (view != null && (ioUnderWay || !evenIfLoaded)) {
                // A write under way reads the file and will show what another process added; the
                // caller goes on with what is known rather than wait an fsync for it. At worst an
                // activity another JVM finished in that instant runs again (at-least-once).
                return view;
            }
            boolean waited = false;
            while (ioUnderWay) { // only a first load by another thread: its result will do
                ioDone.awaitUninterruptibly();
                waited = true;
            }
            if (view != null && waited) {
                return view;
            }
            ioUnderWay = true;
        } finally {
            lock.unlock();
        }
        try {
            Interrupts.held(() -> readIfChanged(false));
            return view;
        } catch (IOException e) {
            if (view == null) {
                keepUnsavedInView();
            }
            throw e;
        } finally {
            finishIo(List.of(), null);
        }
    }

    /** Applies {@code change} and returns once it is durable; throws if it could not be made so. */
    void checkpoint(Mutation change) throws IOException {
        Queued mine = new Queued(change);
        lock.lock();
        try {
            if (queue == null) {
                queue = new ArrayList<>(2);
            }
            queue.add(mine);
            while (!mine.done) {
                if (ioUnderWay) {
                    ioDone.awaitUninterruptibly();
                    continue;
                }
                ioUnderWay = true;
                List<Queued> batch = takeBatch();
                lock.unlock();
                IOException failure = null;
                try {
                    failure = write(batch);
                } finally {
                    lock.lock();
                    finishIoLocked(batch, failure);
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw new IOException(mine.failure.getMessage(), mine.failure);
        }
    }

    private List<Queued> takeBatch() {
        List<Queued> batch = groupCommit ? new ArrayList<>(queue) : List.of(queue.get(0));
        queue.subList(0, batch.size()).clear();
        if (queue.isEmpty()) {
            queue = null;
        }
        return batch;
    }

    private IOException write(List<Queued> batch) {
        List<Mutation> toSave = new ArrayList<>(unsaved);
        for (Queued queued : batch) {
            toSave.add(queued.change);
        }
        unsaved = toSave;
        Path file = path();
        Object event = Telemetry.writeStarts();
        DurableFiles.Replaced replaced;
        try {
            replaced = Interrupts.held(() -> folder.holding(() -> {
                // The bytes this thread last wrote of this day, to reuse what did not change. Whether
                // the base below is that state or a fresh read does not matter: the codec reuses only
                // sections whose entries it finds unchanged (SplicedEncoder).
                Written last = LAST_WRITTEN.get();
                boolean mine = last != null && last.file == this;
                EncodedDay previous = mine ? last.encoded : null;
                DayState base = lastWrittenOrRead(file);
                DayState next = apply(unsaved, base);
                EncodedDay encoded = codec.encode(next, previous);
                DurableFiles.Replaced done = DurableFiles.replaceTimed(file, encoded.bytes());
                diskStamp = done.stamp();
                // On the state this thread last wrote, its completions only need what the changes did.
                Completions completions = mine && base == last.state ? last.completions.updated(next, unsaved)
                        : Completions.of(next);
                unsaved = List.of();
                view = completions;
                LAST_WRITTEN.set(new Written(this, next, diskStamp, encoded, completions));
                return done;
            }));
        } catch (IOException | RuntimeException | Error e) {
            keepUnsavedInView();
            Telemetry.written(event, STORE, 0, toSave.size(), 0, false);
            return e instanceof IOException io ? io : new IOException("unexpected failure writing " + file, e);
        }
        Telemetry.written(event, STORE, replaced.bytes(), toSave.size(), replaced.syncNanos(), true);
        return null;
    }

    /**
     * The file's state: the one this thread last wrote to it if nobody replaced the file since,
     * else read. Memory keeps only completions per day; a thread that checkpoints one day after
     * another (most bots) thus re-reads nothing, and this costs one state (and its file's bytes) per
     * thread, not per day.
     */
    private DayState lastWrittenOrRead(Path file) throws IOException {
        Written last = LAST_WRITTEN.get();
        if (last != null && last.file == this && Objects.equals(FileStamp.of(file), last.stamp)
                && last.stamp.equals(diskStamp)) {
            return last.state;
        }
        LAST_WRITTEN.remove();
        return readFile(true);
    }

    /** What this thread last wrote of a day: the state, its file and its completions (Completions.of it). */
    private record Written(DayFile file, DayState state, FileStamp stamp, EncodedDay encoded,
                           Completions completions) {
    }

    /** After a failed write: this process still skips what it completed, and saves it next time. */
    private void keepUnsavedInView() {
        Completions kept = known();
        for (Mutation change : unsaved) {
            kept = kept.with(change);
        }
        view = kept;
    }

    /** Brings {@code view} up to date with the file, reading it only if it changed since last seen. */
    private Void readIfChanged(boolean holdingFolder) throws IOException {
        if (view != null && Objects.equals(FileStamp.of(path()), diskStamp)) {
            return null;
        }
        readFile(holdingFolder);
        return null;
    }

    /**
     * Reads the file, sets {@code view} from it and the unsaved changes, and returns what the file
     * holds (empty when absent). A file that does not parse is renamed aside, which is only done
     * holding the folder, so a good file another process just wrote is never the one moved.
     */
    private DayState readFile(boolean holdingFolder) throws IOException {
        Path file = path();
        FileStamp now = FileStamp.of(file);
        DayState fresh;
        if (now == null) {
            fresh = DayState.empty(key);
        } else {
            try {
                fresh = codec.decode(key, DurableFiles.readAtMost(file, FileStateStore.MAX_FILE_BYTES));
            } catch (NoSuchFileException deleted) {
                fresh = DayState.empty(key);
                now = null;
            } catch (CorruptStateException e) {
                if (!holdingFolder) {
                    return folder.holding(() -> readFile(true));
                }
                Path aside = DurableFiles.quarantine(file, clock.instant());
                Log.warn("state file " + file + " is unreadable (" + e.getMessage() + "); kept it as "
                        + aside.getFileName() + " and started " + key.type() + " for " + key.date()
                        + " afresh.");
                fresh = DayState.empty(key);
                now = null;
            }
        }
        diskStamp = now;
        view = Completions.of(apply(unsaved, fresh));
        nextDiskCheck = clock.millis() + diskCheckMillis;
        return fresh;
    }

    private void finishIo(List<Queued> batch, IOException failure) {
        lock.lock();
        try {
            finishIoLocked(batch, failure);
        } finally {
            lock.unlock();
        }
    }

    private void finishIoLocked(List<Queued> batch, IOException failure) {
        for (Queued queued : batch) {
            queued.failure = failure;
            queued.done = true;
        }
        ioUnderWay = false;
        ioDone.signalAll();
    }

    private static DayState apply(List<Mutation> changes, DayState base) {
        DayState state = base;
        for (Mutation change : changes) {
            state = change.applyTo(state);
        }
        return state;
    }

    private static final class Queued {
        final Mutation change;
        boolean done;
        IOException failure;

        Queued(Mutation change) {
            this.change = change;
        }
    }
}
