package dev.jobstate.core.store.file;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * What operator tools may do to state files, with the agent's own codec, locking and durable
 * writes, so a tool acting while a bot runs is just another careful writer.
 *
 * <p>Each method locks the file's account folder for the length of the call and lets go of the
 * lock afterwards; only a bounded few lock files stay open ({@link OpenLockFiles}), though a tool
 * visits thousands of folders once each.
 */
public final class StateFiles {

    private final StateCodec codec = new StateCodec();

    /** The outcome of reading one file: a day, or why it is not one. */
    public sealed interface Read {
    }

    public record Parsed(DayState day) implements Read {
    }

    public record Unreadable(String reason) implements Read {
    }

    /** Reads without locking: files are only ever replaced whole, so a read sees one version. */
    public Read read(Path file, DayKey key) throws IOException {
        try {
            return new Parsed(codec.decode(key, DurableFiles.readAtMost(file, FileStateStore.MAX_FILE_BYTES)));
        } catch (CorruptStateException e) {
            return new Unreadable(e.getMessage());
        }
    }

    /**
     * Moves {@code file} into {@code backupFolder} (created private). With {@code freshAt}, leaves in
     * its place a fresh day that remembers the reset, so a running bot's outcomes from before the
     * reset stay out of it.
     *
     * @return where the file now is, or null if it was gone already
     */
    public Path moveAside(Path file, Path backupFolder, DayKey key, Instant freshAt) throws IOException {
        return holding(file, () -> {
            Path moved = null;
            if (Files.exists(file)) {
                DurableFiles.createPrivateDirectories(backupFolder);
                moved = backupFolder.resolve(file.getFileName());
                Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
                DurableFiles.syncFolder(backupFolder);
            }
            if (freshAt != null) {
                DurableFiles.replace(file, codec.encode(DayState.reset(key, freshAt)));
            } else if (moved != null) {
                DurableFiles.syncFolder(file.getParent());
            }
            return moved;
        });
    }

    /** Deletes {@code file}; leaves a fresh reset day in its place when {@code freshAt} is given. */
    public long delete(Path file, DayKey key, Instant freshAt) throws IOException {
        return holding(file, () -> {
            long size = Files.exists(file) ? Files.size(file) : 0;
            Files.deleteIfExists(file);
            if (freshAt != null) {
                DurableFiles.replace(file, codec.encode(DayState.reset(key, freshAt)));
            } else {
                DurableFiles.syncFolder(file.getParent());
            }
            return size;
        });
    }

    /**
     * Writes {@code day} as {@code file}, replacing it atomically and durably as a bot's checkpoint
     * does, under its folder's lock; the folder is created private if missing.
     */
    public void write(Path file, DayState day) throws IOException {
        DurableFiles.createPrivateDirectories(file.getParent());
        holding(file, () -> DurableFiles.replace(file, codec.encode(day)));
    }

    /** Renames an unreadable file aside as the agent does, {@code <name>.corrupt-<UTC time>}. */
    public Path quarantine(Path file, Instant now) throws IOException {
        return holding(file, () -> DurableFiles.quarantine(file, now));
    }

    private static <T> T holding(Path file, FolderLock.Work<T> work) throws IOException {
        // The JVM-wide lock of that folder, which a bot's store in this JVM would share.
        return FolderLock.of(file.getParent()).holding(work);
    }
}
