package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.ACCOUNT;
import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.DATE;
import static dev.jobstate.core.store.file.Days.assertCompletedOnce;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static dev.jobstate.core.store.file.Days.tempsUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FaultFileSystem.Call;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Within one JVM, concurrent checkpoints lose nothing and list nothing
 * twice, concurrent checkpoints of one file are written together (group commit) yet each caller
 * returns only once its own change is durable, and readers never wait for a write.
 */
@Timeout(120)
class ConcurrencyTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "groupCommit={0}")
    @ValueSource(booleans = {true, false})
    void threadsCheckpointingOneDayEndWithTheUnionEachIdOnce(boolean groupCommit) throws Exception {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth(), groupCommit);
        List<String> ids = new ArrayList<>();
        List<Runnable> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<String> mine = new ArrayList<>();
            for (int n = 0; n < 25; n++) {
                mine.add("t" + t + "-quiz-" + n);
            }
            ids.addAll(mine);
            work.add(() -> {
                for (String id : mine) {
                    checkpoint(store, DAILY_SET, id);
                    assertTrue(store.read(DAILY_SET).isCompleted(id), "a thread sees its own completion");
                }
            });
        }
        runTogether(work);

        assertCompletedOnce(completedIn(store.fileOf(DAILY_SET)), ids);
        assertCompletedOnce(store.read(DAILY_SET).completed(), ids);
        assertCompletedOnce(new FileStateStore(dir, CLOCK, new PersistenceHealth()).read(DAILY_SET).completed(), ids);
        assertEquals(List.of(), tempsUnder(dir));
    }

    @ParameterizedTest(name = "groupCommit={0}")
    @ValueSource(booleans = {true, false})
    void checkpointsQueuedBehindAWriteAreWrittenTogetherAndEachReturnsOnlyOnceDurable(boolean groupCommit)
            throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth(), groupCommit);
        store.checkpoint(DAILY_SET, done("check-in"));
        Path file = fs.unwrap(store.fileOf(DAILY_SET));
        long movesBefore = renamesOnto(fs, file);
        Map<Path, List<String>> renamedContent = new ConcurrentHashMap<>();
        fs.on(Op.MOVE, call -> file.equals(call.target()),
                call -> renamedContent.put(call.path(), completedIn(call.path())));

        HeldFsync firstWrite = HeldFsync.first(fs);

        int queued = 6;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = new ArrayList<>(List.of("check-in"));
        try {
            for (int n = 0; n <= queued; n++) {
                String id = "quiz-" + n;
                ids.add(id);
                Thread thread = new Thread(() -> {
                    try {
                        store.checkpoint(DAILY_SET, done(id));
                        // Returned: the id must be in the file, written by a durable replace.
                        List<Call> seen = fs.calls();
                        assertTrue(completedIn(file).contains(id), id + " returned before it was in the file");
                        assertDurablyRenamed(seen, file, id, renamedContent);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }, id);
                threads.add(thread);
                thread.start();
                if (n == 0) {
                    firstWrite.awaitHeld();
                } else {
                    Parked.awaitQueuedBehindWrite(thread);
                }
            }
            assertEquals(movesBefore, renamesOnto(fs, file), "nothing is renamed while the first write hangs");
            firstWrite.release();
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            firstWrite.release();
        }

        assertEquals(List.of(), failures);
        assertCompletedOnce(completedIn(file), ids);
        long writes = renamesOnto(fs, file) - movesBefore;
        if (groupCommit) {
            assertEquals(2, writes, "the first write, then one write for all " + queued + " queued behind it");
        } else {
            assertEquals(1 + queued, writes, "without group commit every checkpoint is its own write");
        }
    }

    @Test
    void mixedTypesAndAccountsInParallelEachEndWithTheirUnion() throws Exception {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        List<DayKey> keys = List.of(DAILY_SET, new DayKey(ACCOUNT, "desktop-search", DATE),
                new DayKey(ACCOUNT, "mobile-search", DATE), new DayKey("second@email.com", "daily-set", DATE));
        List<Runnable> work = new ArrayList<>();
        for (DayKey key : keys) {
            for (int t = 0; t < 3; t++) {
                int thread = t;
                work.add(() -> {
                    for (int n = 0; n < 20; n++) {
                        checkpoint(store, key, "t" + thread + "-" + n);
                    }
                });
            }
        }
        runTogether(work);

        for (DayKey key : keys) {
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                for (int n = 0; n < 20; n++) {
                    expected.add("t" + t + "-" + n);
                }
            }
            assertCompletedOnce(completedIn(store.fileOf(key)), expected);
        }
        assertEquals(List.of(), tempsUnder(dir));
    }

    @Test
    void aReaderNeverWaitsForAWriterBlockedInIo() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        DayKey search = new DayKey(ACCOUNT, "desktop-search", DATE);
        store.checkpoint(DAILY_SET, done("check-in"));
        store.checkpoint(search, done("search-1"));
        FileStateStore other = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        DayKey mobile = new DayKey(ACCOUNT, "mobile-search", DATE);
        other.checkpoint(mobile, done("search-1"));

        HeldFsync write = HeldFsync.first(fs);
        Thread writer = new Thread(() -> checkpoint(store, DAILY_SET, "quiz-1"), "writer");
        try {
            writer.start();
            write.awaitHeld();

            AtomicReference<List<Completions>> seen = new AtomicReference<>();
            Thread reader = new Thread(() -> seen.set(List.of(store.read(DAILY_SET), store.read(search),
                    store.read(mobile))), "reader");
            reader.start();
            assertTrue(Parked.awaitEndedOrParkedIn(reader, "DayFile", "FolderLock", "FileStateStore"),
                    "the reader waited for the writer");
            assertTrue(seen.get().get(0).isCompleted("check-in"), "the day being written");
            assertTrue(seen.get().get(1).isCompleted("search-1"), "another day of the same folder");
            assertTrue(seen.get().get(2).isCompleted("search-1"), "a day loaded for the first time, same folder");
            assertTrue(writer.isAlive(), "the write was still blocked all along");
        } finally {
            write.release();
            writer.join();
        }
        assertEquals(List.of("check-in", "quiz-1"), completedIn(fs.unwrap(store.fileOf(DAILY_SET))));
    }

    @Test
    void theCheckBeforeRunningAnActivityDoesNotWaitForThisProcesssWriteEither() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));

        HeldFsync write = HeldFsync.first(fs);
        Thread writer = new Thread(() -> checkpoint(store, DAILY_SET, "quiz-1"), "writer");
        try {
            writer.start();
            write.awaitHeld();
            // The file changes under the blocked write, so the check cannot answer from its stamp.
            Files.writeString(fs.unwrap(store.fileOf(DAILY_SET)), """
                    {"date": "2025-09-20", "account": "user@email.com", "type": "daily-set",
                     "completed": ["check-in", "by-hand"]}
                    """);

            AtomicReference<Completions> seen = new AtomicReference<>();
            Thread runner = new Thread(() -> seen.set(store.reread(DAILY_SET)), "runner");
            runner.start();
            assertTrue(Parked.awaitEndedOrParkedIn(runner, "DayFile", "FolderLock", "FileStateStore"),
                    "the caller waited for the write");
            assertTrue(seen.get().isCompleted("check-in"), "it went on with what it knew");
            assertTrue(writer.isAlive(), "the write was still blocked all along");
        } finally {
            write.release();
            writer.join();
        }
        assertTrue(completedIn(fs.unwrap(store.fileOf(DAILY_SET))).contains("quiz-1"));
    }

    @Test
    void aReaderOfADayWhoseFirstWriteIsBlockedDoesNotWaitEither() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        HeldFsync writes = HeldFsync.every(fs);
        Thread writer = new Thread(() -> checkpoint(store, DAILY_SET, "check-in"), "writer");
        try {
            writer.start();
            writes.awaitHeld();
            Thread reader = new Thread(() -> store.read(DAILY_SET), "reader");
            reader.start();
            assertTrue(Parked.awaitEndedOrParkedIn(reader, "DayFile", "FolderLock", "FileStateStore"),
                    "the reader waited for the writer");
        } finally {
            writes.release();
            writer.join();
        }
        assertTrue(Files.exists(fs.unwrap(store.fileOf(DAILY_SET))));
    }

    @Test
    void aCheckpointFromAnInterruptedThreadIsSavedAndTheInterruptKept() throws Exception {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread host = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                store.checkpoint(DAILY_SET, done("quiz-1"));
            } catch (Throwable t) {
                failure.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        host.start();
        host.join();

        assertEquals(null, failure.get());
        assertTrue(stillInterrupted.get(), "the interrupt belongs to the host and is given back");
        store.checkpoint(DAILY_SET, done("quiz-2"));
        assertEquals(List.of("check-in", "quiz-1", "quiz-2"), completedIn(store.fileOf(DAILY_SET)));
    }

    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    void anInterruptDuringAWriteFailsThatWriteOnlyAndTheNextOneSavesIt() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        HeldFsync write = HeldFsync.first(fs);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread host = new Thread(() -> {
            try {
                store.checkpoint(DAILY_SET, done("quiz-1"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try (CapturedErr err = CapturedErr.start()) {
            host.start();
            write.awaitHeld();
            host.interrupt();
            write.release();
            host.join();
            assertInstanceOf(IOException.class, failure.get(), "a write cut short is not acknowledged");

            store.checkpoint(DAILY_SET, done("quiz-2"));
        } finally {
            write.release();
        }
        assertEquals(List.of("check-in", "quiz-1", "quiz-2"), completedIn(fs.unwrap(store.fileOf(DAILY_SET))));
        assertEquals(List.of(), tempsUnder(dir));
    }

    /**
     * Some rename onto {@code file} in {@code calls} carried {@code id}, and its temp file was forced
     * before it and the folder after it: the id was durable when the call returned.
     */
    static void assertDurablyRenamed(List<Call> calls, Path file, String id, Map<Path, List<String>> renamedContent) {
        for (int move = 0; move < calls.size(); move++) {
            Call call = calls.get(move);
            if (call.op() != Op.MOVE || !file.equals(call.target())
                    || !renamedContent.getOrDefault(call.path(), List.of()).contains(id)) {
                continue;
            }
            Path temp = call.path();
            boolean forcedBefore = calls.subList(0, move).stream()
                    .anyMatch(c -> c.op() == Op.FORCE && c.path().equals(temp));
            boolean folderForcedAfter = calls.subList(move + 1, calls.size()).stream()
                    .anyMatch(c -> c.op() == Op.FORCE && c.path().equals(file.getParent()));
            assertTrue(forcedBefore, "the temp file carrying " + id + " was not forced before its rename");
            assertTrue(folderForcedAfter, "the folder was not forced after the rename carrying " + id);
            return;
        }
        throw new AssertionError("no rename onto " + file + " carried " + id + " before its checkpoint returned");
    }

    private static long renamesOnto(FaultFileSystem fs, Path file) {
        return fs.count(Op.MOVE, call -> file.equals(call.target()));
    }

    private static void checkpoint(FileStateStore store, DayKey key, String id) {
        try {
            store.checkpoint(key, done(id));
        } catch (IOException e) {
            throw new AssertionError("checkpoint of " + id + " failed", e);
        }
    }

    /** Runs every task on its own thread, all released at once; rethrows the first failure. */
    static void runTogether(List<Runnable> tasks) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " threads failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }
}
