package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.bytes;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static dev.jobstate.core.store.file.Days.tempsUnder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk, not a simulated one: a 256 KiB tmpfs mounted for the test (needs root and
 * mount permission; skipped otherwise), filled up while the store runs, then freed.
 */
class FullTmpfsTest {

    @TempDir
    Path dir;

    @Test
    void aRealFullDiskFailsCheckpointsOnceLoudlyKeepsTheFileAndCatchesUpWhenSpaceIsFreed() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tmpfs"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "jobstate-test", mount.toString()),
                "needs root and permission to mount a tmpfs");
        try {
            FileStateStore store = new FileStateStore(mount.resolve("job-state"), CLOCK, new PersistenceHealth());
            store.checkpoint(DAILY_SET, done("check-in"));
            Path file = store.fileOf(DAILY_SET);
            byte[] before = bytes(file);

            Path filler = mount.resolve("filler");
            fillUp(filler);

            List<String> whileFull = new ArrayList<>();
            try (CapturedErr err = CapturedErr.start()) {
                for (int i = 0; i < 10; i++) {
                    String id = "quiz-" + i;
                    whileFull.add(id);
                    // A result of a few KiB: the new file needs at least one page the disk has not got.
                    Mutation quiz = new Mutation.Completed(id, Days.NOON, 1, TextNode.valueOf("x".repeat(6000)));
                    IOException full = assertThrows(IOException.class, () -> store.checkpoint(DAILY_SET, quiz));
                    assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
                    assertArrayEquals(before, bytes(file), "the previous state file must survive a full disk");
                    assertEquals(List.of(), tempsUnder(mount));
                }
                assertEquals(1, err.warnings().size(), err.lines().toString());
                assertTrue(err.warnings().get(0).contains("No space left on device"));

                Files.delete(filler);
                store.checkpoint(DAILY_SET, done("poll-1"));
                assertEquals(1, err.recoveries().size(), err.lines().toString());
            }
            List<String> expected = new ArrayList<>(List.of("check-in"));
            expected.addAll(whileFull);
            expected.add("poll-1");
            assertEquals(expected, completedIn(file));
            assertEquals(List.of(), tempsUnder(mount));
        } finally {
            if (!run("umount", mount.toString())) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    /** Writes to {@code filler} until the disk says it is full. */
    private static void fillUp(Path filler) throws IOException {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(page);
                out.flush();
            }
        } catch (IOException expected) {
            assertTrue(String.valueOf(expected.getMessage()).contains("No space left on device"), expected.toString());
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
