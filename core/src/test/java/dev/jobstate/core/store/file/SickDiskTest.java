package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.ACCOUNT;
import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.assertCompletedOnce;
import static dev.jobstate.core.store.file.Days.bytes;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static dev.jobstate.core.store.file.Days.failed;
import static dev.jobstate.core.store.file.Days.remainingIn;
import static dev.jobstate.core.store.file.Days.tempsIn;
import static dev.jobstate.core.store.file.Days.tempsUnder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.engine.Replay;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FaultFileSystem.Call;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On a sick disk the host's activities keep their outcome, the previous state file
 * survives, nothing partial is left, one warning is printed however many calls fail, and saving
 * resumes by itself, with what completed meanwhile, when the disk recovers.
 */
class SickDiskTest {

    @TempDir
    Path dir;

    /** A disk failing one way, and whether the failure comes before or after the rename. */
    enum Sickness {
        DISK_FULL_PART_WAY("No space left on device", true, fs -> fs.diskFullAfter(100)),
        DISK_FULL("No space left on device", true, fs -> fs.diskFullAfter(0)),
        FSYNC_FAILS("Input/output error", true, fs -> fs.fail(Op.FORCE, Call::isTemp, FaultFileSystem::ioError)),
        TEMP_FILE_DENIED("AccessDenied", true,
                fs -> fs.fail(Op.OPEN_WRITE, Call::isTemp, FaultFileSystem::accessDenied)),
        READ_ONLY_FILE_SYSTEM("Read-only file system", true, fs -> {
            for (Op op : List.of(Op.CREATE_DIRECTORY, Op.OPEN_WRITE, Op.MOVE, Op.DELETE)) {
                fs.fail(op, FaultFileSystem::readOnly);
            }
        }),
        NO_ATOMIC_RENAME("AtomicMoveNotSupported", true, fs -> fs.fail(Op.MOVE, FaultFileSystem::crossDevice)),
        // The folder's fsync comes after the rename: the new version is in place but not known to be
        // durable, so the call must fail; the file is then the old or the new version, never torn.
        FOLDER_CANNOT_BE_OPENED("AccessDenied", false,
                fs -> fs.fail(Op.OPEN_FOLDER, FaultFileSystem::accessDenied)),
        FOLDER_FSYNC_FAILS("Input/output error", false,
                fs -> fs.fail(Op.FORCE, call -> Files.isDirectory(call.path()), FaultFileSystem::ioError));

        final String says;
        final boolean failsBeforeRename;
        final Consumer<FaultFileSystem> inject;

        Sickness(String says, boolean failsBeforeRename, Consumer<FaultFileSystem> inject) {
            this.says = says;
            this.failsBeforeRename = failsBeforeRename;
            this.inject = inject;
        }
    }

    @ParameterizedTest
    @EnumSource(Sickness.class)
    void checkpointsFailLoudlyOnceKeepThePreviousFileAndCatchUpWhenTheDiskRecovers(Sickness sickness)
            throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        store.checkpoint(DAILY_SET, done("quiz-1"));
        Path file = fs.unwrap(store.fileOf(DAILY_SET));
        byte[] before = bytes(file);
        List<String> all = new ArrayList<>(List.of("check-in", "quiz-1"));

        try (CapturedErr err = CapturedErr.start()) {
            sickness.inject.accept(fs);
            for (int i = 1; i <= 20; i++) {
                String id = "poll-" + i;
                all.add(id);
                assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done(id)),
                        "a checkpoint that is not durable must not return normally");
                if (sickness.failsBeforeRename) {
                    assertArrayEquals(before, bytes(file), "the previous state file must stay as it was");
                } else {
                    List<String> onDisk = completedIn(file);
                    assertTrue(all.containsAll(onDisk) && onDisk.containsAll(List.of("check-in", "quiz-1")),
                            "the file must be a whole version, old or new: " + onDisk);
                }
                assertEquals(List.of(), tempsIn(file.getParent()), "no temp file may be left");
            }
            assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, failed("promo-1")));

            List<String> warnings = err.warnings();
            assertEquals(1, warnings.size(), "one warning for 21 failing checkpoints: " + warnings);
            assertTrue(warnings.get(0).contains(file.toString()), "the warning names the file: " + warnings);
            assertTrue(warnings.get(0).contains(sickness.says), "the warning says what is wrong: " + warnings);
            assertEquals(List.of(), err.recoveries());
            assertTrue(store.read(DAILY_SET).isCompleted("poll-20"),
                    "this process still knows what completed, so it does not redo it");

            fs.heal();
            store.checkpoint(DAILY_SET, done("promo-2"));
            all.add("promo-2");

            assertEquals(1, err.recoveries().size(), "one line says saving works again: " + err.lines());
            assertEquals(1, err.warnings().size());
        }
        assertCompletedOnce(completedIn(file), all);
        assertEquals(List.of("promo-1"), remainingIn(file), "the failure recorded while sick is saved too");
        assertEquals(List.of(), tempsIn(file.getParent()));
        assertEquals(0, fs.count(Op.NON_ATOMIC_MOVE) + fs.count(Op.COPY), "never a non-atomic fallback");
    }

    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    void aFailedFsyncIsNeverRetriedThenAcknowledged() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        AtomicReference<Path> failedTemp = new AtomicReference<>();
        fs.on(Op.FORCE, Call::isTemp, call -> {
            if (failedTemp.compareAndSet(null, call.path())) {
                throw FaultFileSystem.ioError(call);
            }
        });

        try (CapturedErr err = CapturedErr.start()) {
            assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done("quiz-1")),
                    "the call whose fsync failed must fail, even though a second try would work");
            store.checkpoint(DAILY_SET, done("quiz-2"));
        }

        assertTrue(fs.calls().stream().filter(call -> call.op() == Op.MOVE)
                        .noneMatch(call -> call.path().equals(failedTemp.get())),
                "a temp file whose fsync failed is never renamed into place");
        // The next checkpoint writes everything unsaved through a new temp file, forced before its rename.
        List<Call> calls = fs.calls();
        Call lastMove = calls.stream().filter(call -> call.op() == Op.MOVE).reduce((a, b) -> b).orElseThrow();
        assertTrue(calls.subList(0, calls.indexOf(lastMove)).stream()
                .anyMatch(call -> call.op() == Op.FORCE && call.path().equals(lastMove.path())));
        assertCompletedOnce(completedIn(fs.unwrap(store.fileOf(DAILY_SET))), List.of("check-in", "quiz-1", "quiz-2"));
    }

    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    void withoutAtomicRenameTheStoreFailsClosedAndNeverWritesTheFileInPlace() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        Path file = fs.unwrap(store.fileOf(DAILY_SET));
        byte[] before = bytes(file);
        fs.fail(Op.MOVE, FaultFileSystem::crossDevice);
        fs.forgetCalls();

        try (CapturedErr err = CapturedErr.start()) {
            IOException failure = assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done("quiz-1")));
            assertInstanceOf(AtomicMoveNotSupportedException.class, failure.getCause());
        }

        assertArrayEquals(before, bytes(file));
        assertEquals(0, fs.count(Op.NON_ATOMIC_MOVE) + fs.count(Op.COPY));
        assertEquals(0, fs.count(Op.OPEN_WRITE, call -> call.path().equals(file)), "the file itself is never opened to write");
        assertEquals(0, fs.count(Op.DELETE, call -> call.path().equals(file)), "nor deleted to make room");
        assertEquals(List.of(), tempsIn(file.getParent()));
    }

    @Test
    void throughTheEngineTheHostKeepsItsOutcomeWhileNothingCanBeSaved() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        ActivityEngine engine = new ActivityEngine(
                new JobStateConfig(true, dir, ZoneOffset.UTC, ACCOUNT, "test"), store, CLOCK);
        QuizBot bot = new QuizBot();
        Object first = engine.enter(QuizBot.CHECK_IN, bot, new Object[0]);
        assertNull(engine.exit(first, null, null));
        Path file = fs.unwrap(store.fileOf(DAILY_SET));
        byte[] before = bytes(file);

        fs.diskFullAfter(0);
        try (CapturedErr err = CapturedErr.start()) {
            for (int i = 1; i <= 10; i++) {
                Object[] args = {String.valueOf(i)};
                Object token = engine.enter(QuizBot.QUIZ, bot, args);
                assertFalse(token instanceof Replay, "quiz-" + i + " has not run yet");
                assertEquals("answered " + i, engine.exit(token, "answered " + i, null),
                        "the value the body returned is what the caller gets");
            }
            Object token = engine.enter(QuizBot.QUIZ, bot, new Object[] {"11"});
            IllegalStateException thrown = new IllegalStateException("the quiz page did not load");
            assertNull(engine.exit(token, null, thrown), "a failed body's exception is the advice's to rethrow; exit adds none");
            assertEquals(1, err.warnings().size(), err.lines().toString());
            assertArrayEquals(before, bytes(file));

            fs.heal();
            Object token12 = engine.enter(QuizBot.QUIZ, bot, new Object[] {"12"});
            assertEquals("answered 12", engine.exit(token12, "answered 12", null));
            assertEquals(1, err.recoveries().size());
        }
        List<String> expected = new ArrayList<>(List.of("check-in"));
        IntStream.rangeClosed(1, 10).forEach(i -> expected.add("quiz-" + i));
        expected.add("quiz-12");
        assertCompletedOnce(completedIn(file), expected);
        assertEquals(List.of("quiz-11"), remainingIn(file));
    }

    @Test
    void aStateFolderThatIsAFileIsReportedOnceAndUsedOnceItIsAFolder() throws IOException {
        Path root = dir.resolve("job-state");
        Files.writeString(root, "not a folder");
        FileStateStore store = new FileStateStore(root, CLOCK, new PersistenceHealth());

        try (CapturedErr err = CapturedErr.start()) {
            store.probe();
            for (int i = 0; i < 5; i++) {
                String id = "quiz-" + i;
                assertEquals(i, store.read(DAILY_SET).completed().size(),
                        "reading works and knows what this process completed so far");
                assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done(id)));
            }
            assertEquals(1, err.warnings().size(), err.lines().toString());
            assertTrue(err.warnings().get(0).contains(root.toString()), err.warnings().toString());
            assertEquals("not a folder", Files.readString(root), "the file in the way is left alone");

            Files.delete(root);
            store.checkpoint(DAILY_SET, done("quiz-5"));
            assertEquals(1, err.recoveries().size());
        }
        assertCompletedOnce(completedIn(store.fileOf(DAILY_SET)),
                List.of("quiz-0", "quiz-1", "quiz-2", "quiz-3", "quiz-4", "quiz-5"));
    }

    @Test
    void anAccountFolderThatIsAFileIsReportedOnceAndUsedOnceItIsAFolder() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        Path folder = store.fileOf(DAILY_SET).getParent();
        Files.writeString(folder, "in the way");

        try (CapturedErr err = CapturedErr.start()) {
            for (int i = 0; i < 5; i++) {
                String id = "quiz-" + i;
                assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done(id)));
            }
            assertEquals(1, err.warnings().size(), err.lines().toString());
            Files.delete(folder);
            store.checkpoint(DAILY_SET, done("quiz-5"));
            assertEquals(1, err.recoveries().size());
        }
        assertEquals(6, completedIn(store.fileOf(DAILY_SET)).size());
    }

    @Test
    @Timeout(60)
    void theStateDirDeletedWhileRunningIsMadeAgainAndLockedThroughItsNewLockFile() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        Path root = dir.resolve("job-state");
        FileStateStore store = new FileStateStore(fs.root(root), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        Path lockFile = root.resolve(ACCOUNT).resolve(FolderLock.FILE_NAME);

        deleteTree(root);

        HeldFsync write = HeldFsync.first(fs);
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                store.checkpoint(DAILY_SET, done("quiz-1"));
            } catch (Throwable t) {
                writerFailed.set(t);
            }
        }, "writer");
        try (CapturedErr err = CapturedErr.start()) {
            writer.start();
            write.awaitHeld();
            assertTrue(Files.exists(lockFile), "a new lock file was made");
            // (Its inode number may be the old one's: the old file was freed once the store let go of it.)
            // Held by this JVM (the store), so a lock on the new file from here overlaps it.
            try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                assertThrows(OverlappingFileLockException.class, probe::tryLock,
                        "the store must hold the lock on the new lock file, not on the deleted one");
                write.release();
                writer.join();
            }
            assertNull(writerFailed.get());
            assertEquals(List.of(), err.warnings(), "the folder is simply made again");
        } finally {
            write.release();
        }
        assertEquals(List.of("quiz-1"), completedIn(fs.unwrap(store.fileOf(DAILY_SET))),
                "deleting the state dir resets it: the file starts over with what completed since");
        assertEquals(List.of("quiz-1"), store.read(DAILY_SET).completed());
    }

    @Test
    void aStateDirThatCannotBeCreatedIsNamedInOneWarningAndMadeOnceAllowed() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        Path root = dir.resolve("sessions").resolve("job-state");
        FaultFileSystem.Fault denied = fs.fail(Op.CREATE_DIRECTORY, FaultFileSystem::accessDenied);
        FileStateStore store = new FileStateStore(fs.root(root), CLOCK, new PersistenceHealth());
        try (CapturedErr err = CapturedErr.start()) {
            store.probe();
            for (int i = 0; i < 5; i++) {
                String id = "quiz-" + i;
                assertFalse(store.read(DAILY_SET).isCompleted("check-in"));
                assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done(id)));
            }
            assertEquals(1, err.warnings().size(), err.lines().toString());
            assertTrue(err.warnings().get(0).contains(root.toString()), "names the state dir: " + err.warnings());
            assertTrue(err.warnings().get(0).contains("AccessDenied"), err.warnings().toString());
            assertFalse(Files.exists(dir.resolve("sessions")));

            denied.remove();
            store.checkpoint(DAILY_SET, done("quiz-5"));
            assertEquals(1, err.recoveries().size());
        }
        assertEquals(6, completedIn(fs.unwrap(store.fileOf(DAILY_SET))).size());
    }

    @Test
    void aReadOnlyStateDirStillAnswersSkipsFromItsFilesAndSavesOnceWritable() throws IOException {
        FileStateStore writer = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        writer.checkpoint(DAILY_SET, done("check-in"));
        byte[] before = bytes(writer.fileOf(DAILY_SET));

        FaultFileSystem fs = FaultFileSystem.overDefault();
        Sickness.READ_ONLY_FILE_SYSTEM.inject.accept(fs);
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        try (CapturedErr err = CapturedErr.start()) {
            store.probe();
            assertTrue(store.read(DAILY_SET).isCompleted("check-in"), "reading needs no write access");
            for (int i = 0; i < 5; i++) {
                String id = "quiz-" + i;
                assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done(id)));
            }
            assertEquals(1, err.warnings().size(), err.lines().toString());
            assertTrue(err.warnings().get(0).contains("Read-only file system"), err.warnings().toString());
            assertArrayEquals(before, bytes(writer.fileOf(DAILY_SET)));

            fs.heal();
            store.checkpoint(DAILY_SET, done("quiz-5"));
            assertEquals(1, err.recoveries().size());
        }
        assertEquals(List.of("check-in", "quiz-0", "quiz-1", "quiz-2", "quiz-3", "quiz-4", "quiz-5"),
                completedIn(writer.fileOf(DAILY_SET)));
    }

    @Test
    void aStateFileThatCannotBeReadIsNeverOverwrittenWithoutIt() throws IOException {
        FileStateStore other = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        other.checkpoint(DAILY_SET, done("check-in"));
        Path file = other.fileOf(DAILY_SET);
        byte[] before = bytes(file);

        FaultFileSystem fs = FaultFileSystem.overDefault();
        FaultFileSystem.Fault eio = fs.fail(Op.READ, call -> call.path().equals(file), FaultFileSystem::ioError);
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        try (CapturedErr err = CapturedErr.start()) {
            Completions day = store.read(DAILY_SET);
            assertFalse(day.isCompleted("check-in"), "unknown, so the activity runs again (at-least-once)");
            assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done("quiz-1")),
                    "writing without what the file holds would lose check-in");
            assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done("quiz-2")));
            assertArrayEquals(before, bytes(file));
            assertEquals(1, err.warnings().size(), err.lines().toString());
            assertTrue(err.warnings().get(0).contains(file.toString()));
            assertEquals(List.of(), err.lines().stream().filter(l -> l.contains("corrupt")).toList(),
                    "a file that cannot be read is not a corrupt file: it is not moved aside");

            eio.remove();
            store.checkpoint(DAILY_SET, done("quiz-3"));
            assertEquals(1, err.recoveries().size());
        }
        assertEquals(List.of("check-in", "quiz-1", "quiz-2", "quiz-3"), completedIn(file));
        assertEquals(List.of(file.getFileName().toString()), Days.entries(file.getParent()).stream()
                .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
    }

    @Test
    void aFailureWhileTakingTheFolderLockLeavesItFreeForTheNextTry() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        // The store checks the lock file's identity once it holds the lock; let that check fail once.
        FaultFileSystem.Fault eio = fs.fail(Op.STAT, call -> call.named(FolderLock.FILE_NAME), FaultFileSystem::ioError);
        try (CapturedErr err = CapturedErr.start()) {
            assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, done("quiz-1")));
            eio.remove();

            store.checkpoint(DAILY_SET, done("quiz-2"));
            assertEquals(1, err.recoveries().size(), err.lines().toString());
        }
        // Nor is it still held against other processes (here, another store of this JVM).
        new FileStateStore(dir, CLOCK, new PersistenceHealth()).checkpoint(DAILY_SET, done("quiz-3"));
        assertEquals(List.of("check-in", "quiz-1", "quiz-2", "quiz-3"), completedIn(fs.unwrap(store.fileOf(DAILY_SET))));
    }

    // The captured stream is held for what it does while open: it keeps the expected warnings
    // out of the test log.
    @SuppressWarnings("try")
    @Test
    @Timeout(60)
    void everyCallerInAGroupWhoseFsyncFailedIsTold() throws Exception {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore store = new FileStateStore(fs.root(dir), CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        HeldFsync firstWrite = HeldFsync.first(fs, call -> {
            throw FaultFileSystem.ioError(call);
        });

        List<String> ids = List.of("quiz-0", "quiz-1", "quiz-2", "quiz-3", "quiz-4");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> outcomes = Collections.synchronizedList(new ArrayList<>());
        Set<String> failedIds = Collections.synchronizedSet(new HashSet<>());
        try (CapturedErr err = CapturedErr.start()) {
            for (String id : ids) {
                Thread t = new Thread(() -> {
                    try {
                        store.checkpoint(DAILY_SET, done(id));
                        outcomes.add(null);
                    } catch (IOException e) {
                        failedIds.add(id);
                        outcomes.add(e);
                    }
                }, id);
                threads.add(t);
                t.start();
                if (id.equals("quiz-0")) {
                    firstWrite.awaitHeld();
                } else {
                    Parked.awaitQueuedBehindWrite(t);
                }
            }
            firstWrite.release();
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            firstWrite.release();
        }
        assertEquals(Set.of("quiz-1", "quiz-2", "quiz-3", "quiz-4"), failedIds,
                "quiz-0 was durable; all four grouped behind it shared the failed fsync");
        assertEquals(List.of("check-in", "quiz-0"), completedIn(fs.unwrap(store.fileOf(DAILY_SET))));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertEquals(List.of(), tempsUnder(root));
    }
}
