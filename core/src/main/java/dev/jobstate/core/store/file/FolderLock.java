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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for one account folder, between the threads of this JVM and between JVMs.
 *
 * <p>Across processes this is an OS file lock on {@code <folder>/.lock}. Such a lock belongs to the
 * whole JVM, not to a thread, and closing any channel on the file may release it, so each JVM keeps
 * exactly one long-lived channel per lock file and threads take turns on an in-JVM lock first. The
 * lock file is never deleted: a process waiting on a deleted lock file would lock a file nobody else
 * sees. If the folder is deleted and re-created underneath us, the lock we got is on a ghost file;
 * that is noticed by comparing inodes, and the lock is taken again on the new file.
 */
final class FolderLock {

    static final String FILE_NAME = ".lock";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Path folder;
    private final Path lockFile;
    private final ReentrantLock inJvm = new ReentrantLock();
    private FileChannel channel;
    private Object channelFileKey;
    private boolean tempsSwept;

    FolderLock(Path folder) {
        this.folder = folder;
        this.lockFile = folder.resolve(FILE_NAME);
    }

    interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the folder, creating the folder first if it is missing. */
    <T> T holding(Work<T> work) throws IOException {
        inJvm.lock();
        try {
            FileLock lock = acquire();
            try {
                if (!tempsSwept) {
                    DurableFiles.deleteOrphanedTemps(folder);
                    tempsSwept = true;
                }
                return work.run();
            } finally {
                releaseQuietly(lock);
            }
        } finally {
            inJvm.unlock();
        }
    }

    /**
     * Lets go of the lock file's channel. For tools that visit many folders once each; the agent
     * keeps its channels for its lifetime. Call only when no other lock of this JVM is on the
     * same file, since closing a channel can release the JVM's lock on it.
     */
    void close() {
        inJvm.lock();
        try {
            forgetChannel();
        } finally {
            inJvm.unlock();
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
                // Another channel of this JVM holds it (a second store on the same folder): the JVM
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
        DurableFiles.createPrivateDirectories(folder);
        channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                DurableFiles.privateFile(lockFile));
        channelFileKey = currentFileKey();
        tempsSwept = false;
    }

    private Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Only closes a channel this JVM holds no lock on, so no other lock can be lost by it. */
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
