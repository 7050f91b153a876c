package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DAILY_SET;
import static dev.jobstate.core.store.file.Days.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State names accounts, so what the store creates is its owner's alone. */
class PermissionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the file system has no POSIX permissions");
    }

    @Test
    void foldersAre0700AndFiles0600() throws IOException {
        Path root = dir.resolve("sessions").resolve("job-state");
        FileStateStore store = new FileStateStore(root, CLOCK, new PersistenceHealth()).probe();
        store.checkpoint(DAILY_SET, done("check-in"));
        Path file = store.fileOf(DAILY_SET);

        assertEquals("rwx------", permissions(root), "the state dir");
        assertEquals("rwx------", permissions(file.getParent()), "the account folder");
        assertEquals("rw-------", permissions(file), "the state file");
        assertEquals("rw-------", permissions(file.resolveSibling(FolderLock.FILE_NAME)), "the lock file");
    }

    @Test
    void anAccountFolderMadeByAWriteIs0700() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        store.checkpoint(DAILY_SET, done("check-in"));
        assertEquals("rwx------", permissions(store.fileOf(DAILY_SET).getParent()));
    }

    @Test
    void aStateFileLeftReadableByOthersIsPrivateOnceRewritten() throws IOException {
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        Path file = store.fileOf(DAILY_SET);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"completed\":[\"check-in\"]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        store.checkpoint(DAILY_SET, done("quiz-1"));

        assertEquals("rw-------", permissions(file));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
