package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock file of a folder stays open between pieces of work, a bounded few of them, while the lock
 * itself is held only during each: other processes are shut out exactly as when the file was opened
 * and closed every time. What another process can lock is asked of a child JVM.
 */
class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void theLockIsHeldOnlyDuringTheWorkThoughTheFileStaysOpen() throws Exception {
        OpenLockFiles open = new OpenLockFiles(4);
        FolderLock lock = new FolderLock(dir.resolve("a"), open);
        Path lockFile = dir.resolve("a").resolve(FolderLock.FILE_NAME);

        boolean lockableDuring = lock.holding(() -> canLock(lockFile));

        assertFalse(lockableDuring, "another process is shut out while the work runs");
        assertTrue(lock.keepsLockFileOpen());
        assertTrue(open.keeps(lock));
        assertTrue(OtherProcess.canLock(lockFile), "between works another process may lock the folder");
        assertFalse(lock.holding(() -> canLock(lockFile)), "and the kept file locks again for the next work");
    }

    @Test
    void aKeptLockFileThatWasDeletedIsNotLockedAgain() throws Exception {
        FolderLock lock = new FolderLock(dir.resolve("a"), new OpenLockFiles(4));
        Path lockFile = dir.resolve("a").resolve(FolderLock.FILE_NAME);
        lock.holding(() -> null);

        Files.delete(lockFile);

        assertFalse(lock.holding(() -> canLock(lockFile)),
                "the lock is taken on the lock file other processes now see, not on the deleted one");
        assertTrue(Files.exists(lockFile));
    }

    @Test
    void aKeptLockFileThatWasReplacedIsNotLockedAgain() throws Exception {
        FolderLock lock = new FolderLock(dir.resolve("a"), new OpenLockFiles(4));
        Path lockFile = dir.resolve("a").resolve(FolderLock.FILE_NAME);
        lock.holding(() -> null);
        Object kept = inode(lockFile);

        Path replacement = Files.writeString(dir.resolve("a").resolve("other"), "");
        Files.move(replacement, lockFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertNotEquals(kept, inode(lockFile));
        assertFalse(lock.holding(() -> canLock(lockFile)));
    }

    @Test
    void aKeptLockFileWhoseFolderWasDeletedAndMadeAgainIsNotLockedAgain() throws Exception {
        Path folder = dir.resolve("a");
        FolderLock lock = new FolderLock(folder, new OpenLockFiles(4));
        lock.holding(() -> Files.writeString(folder.resolve("day.json"), "{}"));

        Files.delete(folder.resolve("day.json"));
        Files.delete(folder.resolve(FolderLock.FILE_NAME));
        Files.delete(folder);

        assertFalse(lock.holding(() -> canLock(folder.resolve(FolderLock.FILE_NAME))));
    }

    @Test
    void beyondItsBoundTheLeastRecentlyUsedLockFileIsClosed() throws IOException {
        OpenLockFiles open = new OpenLockFiles(2);
        FolderLock a = new FolderLock(dir.resolve("a"), open);
        FolderLock b = new FolderLock(dir.resolve("b"), open);
        FolderLock c = new FolderLock(dir.resolve("c"), open);

        a.holding(() -> null);
        b.holding(() -> null);
        a.holding(() -> null);
        c.holding(() -> null);

        assertFalse(b.keepsLockFileOpen(), "b was the least recently used");
        assertTrue(a.keepsLockFileOpen());
        assertTrue(c.keepsLockFileOpen());
        assertEquals(2, open.size());
    }

    @Test
    @Timeout(60)
    void aLockFileInUseIsNotClosedWhenEvictedAndIsKeptAgainAfterwards() throws Exception {
        OpenLockFiles open = new OpenLockFiles(1);
        FolderLock busy = new FolderLock(dir.resolve("busy"), open);
        FolderLock other = new FolderLock(dir.resolve("other"), open);
        Path busyLockFile = dir.resolve("busy").resolve(FolderLock.FILE_NAME);
        busy.holding(() -> null);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch evicted = new CountDownLatch(1);
        AtomicBoolean lockableWhileEvicted = new AtomicBoolean(true);
        Thread worker = new Thread(() -> {
            try {
                busy.holding(() -> {
                    inside.countDown();
                    await(evicted);
                    lockableWhileEvicted.set(canLock(busyLockFile));
                    return null;
                });
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "busy");
        worker.start();
        inside.await();

        other.holding(() -> null); // evicts busy, which its worker is using
        evicted.countDown();
        worker.join();

        assertFalse(lockableWhileEvicted.get(), "eviction took nothing from the work under way");
        assertTrue(busy.keepsLockFileOpen());
        assertTrue(open.keeps(busy), "the worker put it back as the most recently used");
    }

    @Test
    void closingAnEvictedLockFileNeverDropsALockHeldOnTheSameFileThroughAnotherPath() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), folder);
        OpenLockFiles open = new OpenLockFiles(4);
        FolderLock direct = new FolderLock(folder, open);
        FolderLock viaAlias = new FolderLock(alias, open);
        direct.holding(() -> null);

        // POSIX drops every lock a process holds on a file when it closes any descriptor of it.
        boolean lockableAfterClose = viaAlias.holding(() -> {
            direct.closeIfIdle(new OpenLockFiles(4));
            return canLock(folder.resolve(FolderLock.FILE_NAME));
        });

        assertFalse(lockableAfterClose);
        assertTrue(direct.keepsLockFileOpen(), "left open for as long as the other path holds the file");
    }

    @Test
    void twoStoresInTwoProcessesExcludeEachOtherWithTheFileKeptOpen() throws Exception {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        Path lockFile = store.fileOf(DAILY_SET).resolveSibling(FolderLock.FILE_NAME);

        assertTrue(OtherProcess.canLock(lockFile), "the store holds no lock between checkpoints");
        boolean lockableDuring = FolderLock.of(lockFile.getParent()).holding(() -> canLock(lockFile));
        assertFalse(lockableDuring);
    }

    private static boolean canLock(Path lockFile) throws IOException {
        try {
            return OtherProcess.canLock(lockFile);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
