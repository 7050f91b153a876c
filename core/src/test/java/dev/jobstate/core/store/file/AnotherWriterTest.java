package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.assertCompletedOnce;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static dev.jobstate.core.store.file.Days.failed;
import static dev.jobstate.core.store.file.Days.remainingIn;
import static dev.jobstate.core.store.file.Days.tempsUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a second store on the same root standing in for another process (they share
 * nothing but the files, the lock file included): writes add up, each picks up the other's work when
 * it re-reads, and a file edited by hand is the truth from then on.
 */
class AnotherWriterTest {

    @TempDir
    Path dir;

    @Test
    void twoStoresTakingTurnsEndWithTheUnionAndRereadPicksUpTheOther() throws IOException {
        FileStateStore a = new FileStateStore(dir, CLOCK, new PersistenceHealth()).diskCheckEvery(Duration.ofHours(1));
        FileStateStore b = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        Path file = a.fileOf(DAILY_SET);

        a.checkpoint(DAILY_SET, done("check-in"));
        b.checkpoint(DAILY_SET, done("quiz-1"));
        assertEquals(List.of("check-in", "quiz-1"), completedIn(file), "b wrote on top of a's file");

        assertFalse(a.read(DAILY_SET).isCompleted("quiz-1"), "read answers from memory");
        assertTrue(a.reread(DAILY_SET).isCompleted("quiz-1"), "reread picks up the other's completion");

        b.checkpoint(DAILY_SET, failed("quiz-2"));
        a.checkpoint(DAILY_SET, done("quiz-2"));
        b.checkpoint(DAILY_SET, done("poll-1"));
        assertEquals(List.of("check-in", "quiz-1", "quiz-2", "poll-1"), completedIn(file));
        assertTrue(remainingIn(file).isEmpty(), "quiz-2 completed elsewhere: nothing left to do");
        assertEquals(a.reread(DAILY_SET).completed(), b.reread(DAILY_SET).completed());
    }

    @Test
    @Timeout(120)
    void twoStoresWithSeveralThreadsEachAtOnceLoseNothing() throws Exception {
        FileStateStore a = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        FileStateStore b = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        List<String> ids = new ArrayList<>();
        List<Runnable> work = new ArrayList<>();
        for (FileStateStore store : List.of(a, b)) {
            String name = store == a ? "a" : "b";
            for (int t = 0; t < 3; t++) {
                List<String> mine = new ArrayList<>();
                for (int n = 0; n < 15; n++) {
                    mine.add(name + t + "-" + n);
                }
                ids.addAll(mine);
                work.add(() -> {
                    for (String id : mine) {
                        try {
                            store.checkpoint(DAILY_SET, done(id));
                        } catch (IOException e) {
                            throw new AssertionError(id, e);
                        }
                    }
                });
            }
        }
        try (CapturedErr err = CapturedErr.start()) {
            ConcurrencyTest.runTogether(work);
            assertEquals(List.of(), err.lines());
        }

        assertCompletedOnce(completedIn(a.fileOf(DAILY_SET)), ids);
        assertCompletedOnce(a.reread(DAILY_SET).completed(), ids);
        assertCompletedOnce(b.reread(DAILY_SET).completed(), ids);
        assertEquals(List.of(), tempsUnder(dir));
    }

    @Test
    void aFileEditedByHandIsPickedUpAndBuiltOn() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        Path file = store.fileOf(DAILY_SET);

        Files.writeString(file, """
                {"date": "2025-09-20", "account": "user@email.com", "type": "daily-set",
                 "completed": ["check-in", "done-by-hand"], "remaining": ["quiz-9"]}
                """);

        assertTrue(store.reread(DAILY_SET).isCompleted("done-by-hand"));
        store.checkpoint(DAILY_SET, done("quiz-1"));
        assertEquals(List.of("check-in", "done-by-hand", "quiz-1"), completedIn(file));
        assertEquals(List.of("quiz-9"), remainingIn(file));
    }

    @Test
    void anIdRemovedByHandRunsAgainOnceReread() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        store.checkpoint(DAILY_SET, done("quiz-1"));
        Path file = store.fileOf(DAILY_SET);

        Files.writeString(file, "{\"completed\": [\"check-in\"]}\n");

        assertFalse(store.reread(DAILY_SET).isCompleted("quiz-1"),
                "the file is the truth: a person may undo a completion to have it run again");
        store.checkpoint(DAILY_SET, done("poll-1"));
        assertEquals(List.of("check-in", "poll-1"), completedIn(file));
    }
}
