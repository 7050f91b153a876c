package dev.jobstate.core.store.file;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One state file in memory, and the only way to it on disk.
 *
 * <p>Readers get {@link #view()}, an immutable state swapped in whole, and never wait for a write.
 * Checkpoints are committed in groups: callers queue their change; whichever caller finds no write
 * under way becomes the writer, takes every queued change, and writes them in one durable replace
 * while the others wait. Each caller returns only once the write holding its change is durable (or
 * failed). No background thread is involved, so nothing is left running when the host exits.
 *
 * <p>A write holds the account folder's lock, re-reads the file if another process replaced it, and
 * applies this process's unsaved changes on top: changes from several writers add up, and
 * {@code completed} never loses an id.
 */
final class DayFile {

    /** By default, how stale a bot's view of a file may get before a read looks at the file again. */
    static final long DISK_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final DayKey key;
    private final Path file;
    private final FolderLock folder;
    private final StateCodec codec;
    private final Clock clock;
    private final boolean groupCommit;
    private final long diskCheckNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ioDone = lock.newCondition();
    private final List<Queued> queue = new ArrayList<>();
    private boolean ioUnderWay;

    private volatile DayState view;
    /** {@link System#nanoTime()} after which a read looks at the file's stamp again. */
    private volatile long nextDiskCheck;

    // Touched only by the thread doing this file's I/O (ioUnderWay), which hands them on through lock.
    private final List<Mutation> unsaved = new ArrayList<>();
    private DayState onDisk; // null until the file has been read (or found absent) once
    private FileStamp diskStamp;

    DayFile(DayKey key, Path file, FolderLock folder, StateCodec codec, Clock clock, boolean groupCommit,
            long diskCheckNanos) {
        this.diskCheckNanos = diskCheckNanos;
        this.key = key;
        this.file = file;
        this.folder = folder;
        this.codec = codec;
        this.clock = clock;
        this.groupCommit = groupCommit;
    }

    Path path() {
        return file;
    }

    /** The day as known here without any I/O; empty if it could not be loaded. */
    DayState known() {
        DayState current = view;
        return current != null ? current : DayState.empty(key);
    }

    /**
     * The day as known here, loading it on first use. At most once per {@link #DISK_CHECK_NANOS} it
     * also looks at the file's stamp (one {@code stat}, a read only if it changed), so an operator's
     * unmark or reset reaches a running bot that only skips; every other call is memory only.
     */
    DayState view() throws IOException {
        DayState current = view;
        if (current == null) {
            return refresh(false);
        }
        if (System.nanoTime() - nextDiskCheck >= 0) {
            return recheckIfIdle(current);
        }
        return current;
    }

    /** A skip must never wait: if a write is under way it brings the view up to date anyway. */
    private DayState recheckIfIdle(DayState current) {
        nextDiskCheck = System.nanoTime() + diskCheckNanos;
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
            Interrupts.held(() -> syncWithDisk(false));
            return view;
        } catch (IOException | RuntimeException e) {
            // The next write reports a sick disk; a skip keeps what it knew.
            return current;
        } finally {
            finishIo(List.of(), null);
        }
    }

    /**
     * Picks up a file another process wrote since we last looked. If a write is under way, its
     * result is at least as fresh, so this waits for it instead of reading.
     */
    DayState refresh(boolean evenIfLoaded) throws IOException {
        lock.lock();
        try {
            boolean waited = false;
            while (ioUnderWay) {
                ioDone.awaitUninterruptibly();
                waited = true;
            }
            if (view != null && (waited || !evenIfLoaded)) {
                return view;
            }
            ioUnderWay = true;
        } finally {
            lock.unlock();
        }
        try {
            Interrupts.held(() -> syncWithDisk(false));
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
        return batch;
    }

    private IOException write(List<Queued> batch) {
        for (Queued queued : batch) {
            unsaved.add(queued.change);
        }
        try {
            Interrupts.held(() -> folder.holding(() -> {
                syncWithDisk(true);
                DayState next = apply(unsaved, onDisk);
                FileStamp written = DurableFiles.replace(file, codec.encode(next));
                onDisk = next;
                diskStamp = written;
                unsaved.clear();
                view = next;
                return null;
            }));
            return null;
        } catch (IOException | RuntimeException | Error e) {
            keepUnsavedInView();
            return e instanceof IOException io ? io : new IOException("unexpected failure writing " + file, e);
        }
    }

    /** After a failed write: this process still skips what it completed, and saves it next time. */
    private void keepUnsavedInView() {
        view = apply(unsaved, onDisk != null ? onDisk : DayState.empty(key));
    }

    /**
     * Makes {@code onDisk} match the file, reading it only if it changed since we last saw it. A file
     * that does not parse is renamed aside, which is only done holding the folder, so a good file
     * another process just wrote is never the one moved.
     */
    private Void syncWithDisk(boolean holdingFolder) throws IOException {
        FileStamp now = FileStamp.of(file);
        if (onDisk != null && Objects.equals(now, diskStamp)) {
            return null;
        }
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
                    return folder.holding(() -> syncWithDisk(true));
                }
                Path aside = DurableFiles.quarantine(file, clock.instant());
                Log.warn("state file " + file + " is unreadable (" + e.getMessage() + "); kept it as "
                        + aside.getFileName() + " and started " + key.type() + " for " + key.date()
                        + " afresh.");
                fresh = DayState.empty(key);
                now = null;
            }
        }
        onDisk = fresh;
        diskStamp = now;
        view = apply(unsaved, fresh);
        nextDiskCheck = System.nanoTime() + diskCheckNanos;
        return null;
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
