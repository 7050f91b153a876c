package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.DATE;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static dev.jobstate.core.store.file.Days.tempsUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash leaves. The state file is the old or the new version whatever step
 * the crash hit; temp files it leaves are deleted by the sweep at the store's first use, or the next
 * time their folder is written (never by a mere read, which takes no lock and could otherwise delete
 * a live writer's temp); the lock file is never deleted.
 */
class CrashLeftoversTest {

    @TempDir
    Path dir;

    @Test
    void orphanedTempFilesGoTheNextTimeTheirFolderIsWrittenAndNothingElseDoes() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        Path folder = store.fileOf(DAILY_SET).getParent();
        DayKey second = new DayKey("second@email.com", "daily-set", DATE);
        Path secondFolder = store.fileOf(second).getParent();
        store.read(DAILY_SET); // the first use sweeps, under the lock; this test is about what comes after
        Files.createDirectories(folder);
        Files.createDirectories(secondFolder);
        Path orphan = Files.writeString(folder.resolve(".x.json.1234.tmp"), "{\"completed\":[\"half");
        Path orphanOfDay = Files.writeString(folder.resolve(".daily-set-2025-09-20.json.9f3ac0de.tmp"), "");
        Path notes = Files.writeString(folder.resolve("notes.txt"), "mine");
        Path otherAccountsOrphan = Files.writeString(secondFolder.resolve(".y.json.77.tmp"), "{");

        store.read(DAILY_SET);
        store.read(second);
        assertTrue(Files.exists(orphan) && Files.exists(orphanOfDay) && Files.exists(otherAccountsOrphan),
                "reading takes no lock, so it must not delete what may be a live writer's temp file");

        store.checkpoint(DAILY_SET, done("check-in"));

        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(orphanOfDay));
        assertTrue(Files.exists(notes), "only our temp files are swept");
        assertTrue(Files.exists(otherAccountsOrphan), "another account's folder was not written yet");
        assertTrue(Files.exists(folder.resolve(FolderLock.FILE_NAME)));

        store.checkpoint(second, done("check-in"));
        assertEquals(List.of(), tempsUnder(dir));
    }

    @Test
    void aStartUpSweepDeletesLeftoverTempsInEveryAccountFolderAndNothingElse() throws IOException {
        FileStateStore earlier = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        earlier.checkpoint(DAILY_SET, done("check-in"));
        Path folder = earlier.fileOf(DAILY_SET).getParent();
        Path untouchedFolder = Files.createDirectories(dir.resolve("quiet@email.com"));
        Path orphan = Files.writeString(folder.resolve(".daily-set-2025-09-20.json.1234.tmp"), "{\"comp");
        Path notes = Files.writeString(folder.resolve("notes.tmp.txt"), "mine");

        FileStateStore restarted = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        int cleaned = restarted.sweepLeftovers();

        assertEquals(1, cleaned);
        assertFalse(Files.exists(orphan), "the leftover goes at start-up, before the account is written again");
        assertTrue(Files.exists(notes), "only our temp files are swept");
        assertEquals(List.of("check-in"), completedIn(earlier.fileOf(DAILY_SET)));
        assertFalse(Files.exists(untouchedFolder.resolve(FolderLock.FILE_NAME)),
                "a folder with nothing to sweep is not even locked");
    }

    @Test
    void theFirstUseOfAStoreSweepsNotItsConstruction() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("quiet@email.com"));
        Path orphan = Files.writeString(folder.resolve(".daily-set-2025-09-20.json.1234.tmp"), "{\"comp");

        FileStateStore store = new FileStateStore(dir.resolve("state"), CLOCK, new PersistenceHealth())
                .sweepingLeftoversOnFirstUse();
        FileStateStore atDir = new FileStateStore(dir, CLOCK, new PersistenceHealth()).sweepingLeftoversOnFirstUse();
        assertFalse(Files.exists(dir.resolve("state")), "a store nobody used has not touched the disk");
        assertTrue(Files.exists(orphan));

        atDir.read(new DayKey("other@email.com", "daily-set", DATE));
        store.read(DAILY_SET);

        assertFalse(Files.exists(orphan), "the first use swept every account folder");
        assertTrue(Files.isDirectory(dir.resolve("state")), "the first use made the state folder");
    }

    @Test
    void aSweepOfAStateDirThatDoesNotExistDoesNothing() {
        FileStateStore store = new FileStateStore(dir.resolve("never-made"), CLOCK, new PersistenceHealth());

        assertEquals(0, store.sweepLeftovers());
        assertFalse(Files.exists(dir.resolve("never-made")));
    }

    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    void theLockFileIsNeverDeleted() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        Path lock = store.fileOf(DAILY_SET).resolveSibling(FolderLock.FILE_NAME);
        Object inode = inode(lock);

        Files.writeString(store.fileOf(new DayKey(Days.ACCOUNT, "broken", DATE)), "{");
        try (CapturedErr expectedWarning = CapturedErr.start()) {
            store.read(new DayKey(Days.ACCOUNT, "broken", DATE));       // quarantine, under the lock
        }
        Files.writeString(lock.resolveSibling(".z.json.1.tmp"), "");     // sweep, under the lock
        FileStateStore restarted = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        restarted.checkpoint(DAILY_SET, done("quiz-1"));
        store.retainOnly(Set.of(DATE.plusDays(1)));
        store.checkpoint(new DayKey(Days.ACCOUNT, "daily-set", DATE.plusDays(1)), done("check-in"));

        assertTrue(Files.exists(lock));
        // Open by the store ever since, so the inode cannot have been freed and reused: same file.
        assertEquals(inode, inode(lock), "the lock file was replaced");
    }

    /**
     * A crash at every step of a checkpoint in turn (SQLite's way: fail the Nth operation): from that
     * step on nothing reaches the disk, not even the clean-up of the temp file, as when the process is
     * killed. A restarted store finds the old or the new version, whole, and its first write sweeps
     * what the crash left.
     */
    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    void aCrashAtAnyStepLeavesTheOldOrTheNewVersionAndTheNextRunCleansUp() throws IOException {
        int steps = 0;
        List<String> outcomes = new ArrayList<>();
        for (int crashAt = 0; ; crashAt++) {
            Path root = Files.createDirectory(dir.resolve("crash-at-" + crashAt));
            FaultFileSystem fs = FaultFileSystem.overDefault();
            FileStateStore doomed = new FileStateStore(fs.root(root), CLOCK, new PersistenceHealth());
            doomed.checkpoint(DAILY_SET, done("check-in"));

            AtomicInteger countdown = new AtomicInteger(crashAt);
            for (Op op : Op.values()) {
                fs.on(op, call -> countdown.getAndDecrement() <= 0, call -> {
                    throw new IOException("the process is dead");
                });
            }
            boolean returned;
            try (CapturedErr quiet = CapturedErr.start()) {
                doomed.checkpoint(DAILY_SET, done("quiz-1"));
                returned = true;
            } catch (IOException crashed) {
                returned = false;
            }

            FileStateStore restarted = new FileStateStore(root, CLOCK, new PersistenceHealth());
            Path file = restarted.fileOf(DAILY_SET);
            List<String> found;
            try (CapturedErr err = CapturedErr.start()) {
                found = restarted.read(DAILY_SET).completed();
                assertEquals(List.of(), err.warnings(), "crash at step " + crashAt + " left a file that does not parse");
            }
            assertTrue(found.equals(List.of("check-in")) || found.equals(List.of("check-in", "quiz-1")),
                    "crash at step " + crashAt + " left " + found);
            if (returned) {
                assertEquals(List.of("check-in", "quiz-1"), found, "a checkpoint that returned is on disk");
            }
            outcomes.add(crashAt + ":" + (found.size() == 2 ? "new" : "old"));

            restarted.checkpoint(DAILY_SET, done("poll-1"));
            assertEquals(List.of(), tempsUnder(root), "crash at step " + crashAt + ": temp files left after a write");
            assertTrue(completedIn(file).containsAll(List.of("check-in", "poll-1")));

            if (returned) {
                steps = crashAt;
                break;
            }
        }
        System.out.println("crash points: " + outcomes);
        assertTrue(steps >= 6, "a checkpoint takes several steps (open, write, force, rename, folder): " + outcomes);
        assertTrue(outcomes.contains((steps - 1) + ":new"),
                "a crash between the rename and the folder's fsync leaves the new version: " + outcomes);
        assertTrue(outcomes.contains("0:old"), outcomes.toString());
    }

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
