package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test file system itself: invisible until told otherwise, then failing exactly as told. */
class FaultFileSystemTest {

    @TempDir
    Path dir;

    @Test
    void withoutFaultsTheStoreWritesTheSameBytesAsOnTheRealFileSystem() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        FileStateStore viaFaults = new FileStateStore(fs.root(dir.resolve("a")), CLOCK, new PersistenceHealth());
        FileStateStore direct = new FileStateStore(dir.resolve("b"), CLOCK, new PersistenceHealth());
        for (String id : new String[] {"check-in", "quiz-1", "poll-1"}) {
            viaFaults.checkpoint(DAILY_SET, done(id));
            direct.checkpoint(DAILY_SET, done(id));
        }
        assertArrayEquals(Files.readAllBytes(direct.fileOf(DAILY_SET)),
                Files.readAllBytes(fs.unwrap(viaFaults.fileOf(DAILY_SET))));
        // The recipe, once per checkpoint: temp written and forced, renamed atomically, folder forced.
        assertEquals(3, fs.count(Op.MOVE));
        assertEquals(6, fs.count(Op.FORCE));
        assertEquals(3, fs.count(Op.OPEN_FOLDER));
        assertEquals(0, fs.count(Op.NON_ATOMIC_MOVE) + fs.count(Op.COPY));
    }

    @Test
    void faultsFailTheChosenCallsUntilRemoved() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        Path file = fs.root(dir).resolve("x");
        FaultFileSystem.Fault denied = fs.fail(Op.OPEN_WRITE, FaultFileSystem::accessDenied);
        assertThrows(AccessDeniedException.class, () -> Files.write(file, new byte[] {1}));
        assertTrue(Files.notExists(fs.unwrap(file)));
        denied.remove();
        Files.write(file, new byte[] {1});
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("x")));
    }

    @Test
    void aFullDiskTakesWhatFitsThenFailsWithEnospc() throws IOException {
        FaultFileSystem fs = FaultFileSystem.overDefault();
        fs.diskFullAfter(3);
        Path file = fs.root(dir).resolve("x");
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
            ByteBuffer five = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
            assertEquals(3, channel.write(five));
            IOException full = assertThrows(IOException.class, () -> channel.write(five));
            assertEquals("No space left on device", full.getMessage());
        }
        assertEquals(3, Files.size(dir.resolve("x")));
        fs.heal();
        Files.write(file, new byte[10]);
        assertEquals(10, Files.size(dir.resolve("x")));
    }
}
