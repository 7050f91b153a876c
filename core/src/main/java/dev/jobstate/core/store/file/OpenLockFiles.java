package dev.jobstate.core.store.file;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The folder locks whose lock file stays open between writes, at most {@link #CAPACITY}, the least
 * recently used let go first. Opening and closing the lock file were four of the system calls a
 * checkpoint made beyond the crash-safe write itself (open, the stat that names the opened file, the
 * JDK's own fstat, close); a bot that writes the same few accounts all day now makes them once per
 * account. Bounded, so a farm of thousands of accounts still holds few file descriptors.
 */
final class OpenLockFiles {

    static final int CAPACITY = 64;

    private static final OpenLockFiles IN_THIS_JVM = new OpenLockFiles(CAPACITY);

    private final int capacity;
    private final LinkedHashMap<FolderLock, Boolean> recent = new LinkedHashMap<>(16, 0.75f, true);

    OpenLockFiles(int capacity) {
        this.capacity = capacity;
    }

    static OpenLockFiles inThisJvm() {
        return IN_THIS_JVM;
    }

    /** {@code lock} keeps its lock file open: it becomes the most recently used. */
    synchronized void used(FolderLock lock) {
        recent.put(lock, Boolean.TRUE);
    }

    /** Whether {@code lock} is among those kept open (again: a writer may have used it since it was evicted). */
    synchronized boolean keeps(FolderLock lock) {
        return recent.containsKey(lock);
    }

    synchronized int size() {
        return recent.size();
    }

    /**
     * Takes the least recently used lock out if there are more than the capacity; its caller closes
     * its file ({@link FolderLock#closeIfIdle}).
     *
     * @return the lock evicted, or null when within capacity
     */
    synchronized FolderLock evictOne() {
        if (recent.size() <= capacity) {
            return null;
        }
        Iterator<FolderLock> eldest = recent.keySet().iterator();
        FolderLock evicted = eldest.next();
        eldest.remove();
        return evicted;
    }

    /** Closes the lock files beyond the capacity; called holding no folder lock, so it cannot deadlock. */
    void trim() {
        FolderLock evicted;
        while ((evicted = evictOne()) != null) {
            evicted.closeIfIdle(this);
        }
    }
}
