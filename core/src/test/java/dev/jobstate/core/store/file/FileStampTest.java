package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampTest {

    @TempDir
    Path dir;

    @Test
    void theSameFileUntouchedHasTheSameStamp() throws IOException {
        Path file = Files.writeString(dir.resolve("day.json"), "{}");

        FileStamp first = FileStamp.of(file);
        FileStamp again = FileStamp.of(file);

        assertEquals(first, again);
        assertEquals(first.hashCode(), again.hashCode());
    }

    @Test
    void aFileReplacedByRenameHasAnotherStamp() throws IOException {
        Path file = Files.writeString(dir.resolve("day.json"), "{}");
        FileStamp before = FileStamp.of(file);

        DurableFiles.replace(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertNotEquals(before, FileStamp.of(file));
    }

    @Test
    void eachPartOfAStampCounts() {
        FileStamp stamp = new FileStamp("inode-1", 1_000, 20);

        assertEquals(stamp, new FileStamp("inode-1", 1_000, 20));
        assertNotEquals(stamp, new FileStamp("inode-2", 1_000, 20));
        assertNotEquals(stamp, new FileStamp("inode-1", 1_001, 20));
        assertNotEquals(stamp, new FileStamp("inode-1", 1_000, 21));
        assertNotEquals(stamp, new FileStamp(null, 1_000, 20));
        assertEquals(new FileStamp(null, 1_000, 20), new FileStamp(null, 1_000, 20));
    }

    @Test
    void noFileHasNoStamp() throws IOException {
        assertNull(FileStamp.of(dir.resolve("absent.json")));
    }
}
