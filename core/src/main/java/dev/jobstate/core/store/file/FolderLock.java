package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for one account folder, between the threads of this JVM and between JVMs.
 *
 * <p>Across processes this is an OS file lock on {@code <folder>/.lock}. Such a lock belongs to the
 * whole JVM, not to a thread, and closing any channel on the file may release it. So there is one
 * FolderLock per folder in the JVM ({@link #of}), shared by every store, and threads take turns on
 * its in-JVM lock before using the lock file. The OS lock is taken and let go around each piece of
 * work, but the channel stays open between them among a bounded few ({@link OpenLockFiles}), so a
 * farm of thousands of accounts holds few file descriptors. The lock file is never deleted: a
 * process waiting on a deleted lock file would lock a file nobody else sees. If the folder is
 * deleted and re-created underneath us (a kept channel is then on the old file), the lock we got is
 * on a ghost file; that is noticed by comparing inodes once locked, and the lock is taken again on
 * the new file. A kept channel holds its file's inode, so the new file cannot have the same number.
 */
final class FolderLock {

    static final String FILE_NAME = ".lock";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Map<Path, FolderLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path folder;
    private final OpenLockFiles openFiles;
    private final ReentrantLock inJvm = new ReentrantLock();
    private Path lockFile;          // only while holding
    private FileChannel channel;    // these two guarded by inJvm, kept while among openFiles
    private Object channelFileKey;
    private Object sweptFileKey;    // the lock file whose folder was last swept of temps

    /** For a test that needs its own bound on the open lock files; otherwise {@link #of}. */
    FolderLock(Path folder, OpenLockFiles openFiles) {
        this.folder = folder;
        this.openFiles = openFiles;
    }

    /** The lock of {@code folder}, the same instance for every caller in this JVM. */
    static FolderLock of(Path folder) {
        return IN_THIS_JVM.computeIfAbsent(folder.toAbsolutePath().normalize(),
                f -> new FolderLock(f, OpenLockFiles.inThisJvm()));
    }

    interface Work<T> {
        T run() throws IOException;
    }

    /** Deletes temp files a killed writer left in the folder, holding it so no live writer's goes. */
    void sweepTemps() throws IOException {
        holding(() -> {
            DurableFiles.deleteOrphanedTemps(folder);
            return null;
        });
    }

    /** Runs {@code work} holding the folder, creating the folder first if it is missing. */
    <T> T holding(Work<T> work) throws IOException {
        boolean keepOpen = false;
        inJvm.lock();
        try {
            lockFile = folder.resolve(FILE_NAME);
            FileLock lock = acquire();
            try {
                // Once per lock file: a new one means a new folder, which may hold a crash's temps.
                if (!Objects.equals(sweptFileKey, channelFileKey)) {
                    DurableFiles.deleteOrphanedTemps(folder);
                    sweptFileKey = channelFileKey;
                }
                return work.run();
            } finally {
                // A lock that would not release is let go by closing its channel instead.
                keepOpen = released(lock) && channel.isOpen();
            }
        } finally {
            if (keepOpen) {
                openFiles.used(this);
            } else {
                forgetChannel();
            }
            lockFile = null;
            inJvm.unlock();
            if (keepOpen) {
                openFiles.trim();
            }
        }
    }

    /**
     * Closes the lock file kept open, unless a thread is using it (it puts the lock back among the
     * open ones when done) or another channel of this JVM holds a lock on the same file.
     */
    void closeIfIdle(OpenLockFiles evictedFrom) {
        // Held here means this thread's outer work uses it: the evicting call is nested inside it.
        if (inJvm.isHeldByCurrentThread() || !inJvm.tryLock()) {
            return;
        }
        try {
            if (channel != null && !evictedFrom.keeps(this) && noOtherChannelHoldsTheFile()) {
                forgetChannel();
            }
        } finally {
            inJvm.unlock();
        }
    }

    /**
     * Closing a channel drops every lock this process holds on its file, through any channel: the
     * same folder reached by another path (a symlink) has a FolderLock of its own, on the same file.
     * Locking first tells: the JDK refuses a lock that another channel of this JVM holds, and the
     * lock taken here goes with the close.
     */
    private boolean noOtherChannelHoldsTheFile() {
        try {
            channel.tryLock(); // null when another process holds it: then no channel of this JVM does
            return true;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false; // stays open, an fd more, until this folder's next use offers it again
        } catch (ClosedChannelException closed) {
            return true;
        } catch (IOException unknown) {
            return false;
        }
    }

    /** Whether the lock file is open now, between works or during one. */
    boolean keepsLockFileOpen() {
        inJvm.lock();
        try {
            return channel != null && channel.isOpen();
        } finally {
            inJvm.unlock();
        }
    }

    /** Whether the lock is let go: closing the channel releases it otherwise. */
    private static boolean released(FileLock lock) {
        try {
            lock.release();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private FileLock acquire() throws IOException {
        boolean interrupted = false;
        try {
            return acquire(System.nanoTime() + GIVE_UP_NANOS);
        } catch (InterruptedException e) {
            interrupted = true;
            throw new IOException("interrupted while waiting for " + lockFile, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FileLock acquire(long deadline) throws IOException, InterruptedException {
        long pauseMicros = 50;
        while (true) {
            openIfNeeded();
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (ClosedChannelException closed) {
                // An interrupt or a close from elsewhere took our channel; open a new one.
                forgetChannel();
                continue;
            } catch (OverlappingFileLockException heldInThisJvm) {
                // Another channel of this JVM holds it (code that locks the file without this class): the JVM
                // refuses rather than waits, so wait as for another process.
                lock = null;
            }
            if (lock != null) {
                boolean current;
                try {
                    current = Objects.equals(currentFileKey(), channelFileKey);
                } catch (IOException | RuntimeException e) {
                    // Not handed to anyone, so nobody else would ever release it.
                    releaseQuietly(lock);
                    throw e;
                }
                if (current) {
                    return lock;
                }
                releaseQuietly(lock);
                forgetChannel();
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("another process has held " + lockFile + " for over "
                        + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s");
            }
            TimeUnit.MICROSECONDS.sleep(pauseMicros);
            pauseMicros = Math.min(pauseMicros * 2, 5_000);
        }
    }

    private void openIfNeeded() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        try {
            channel = openLockFile();
        } catch (NoSuchFileException newAccount) {
            // The folder is made only when missing: the lock file opens on every write, the stat
            // that checked for the folder first would be one more system call on each.
            DurableFiles.createPrivateDirectories(folder);
            channel = openLockFile();
        }
        channelFileKey = currentFileKey();
    }

    private FileChannel openLockFile() throws IOException {
        return FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                DurableFiles.privateFile(lockFile));
    }

    private Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Only closes a channel this JVM holds no lock on through another channel (see closeIfIdle). */
    private void forgetChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Closing a channel on a deleted or broken file; nothing depends on it.
        }
        channel = null;
        channelFileKey = null;
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            lock.release();
        } catch (IOException ignored) {
            // A closed channel has no lock left to release.
        }
    }
}
