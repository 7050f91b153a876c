package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Which version of a file is on disk. Every write replaces the file by renaming a new one over it,
 * so a new version has a new inode ({@code fileKey}); with the modification time and size this
 * tells "somebody else wrote it" without reading it.
 */
record FileStamp(Object fileKey, long modifiedMicros, long size) {

    /** The stamp of {@code file}, or null when there is no such file. */
    static FileStamp of(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            // A long, not the FileTime: one of these stays in memory per state file.
            return new FileStamp(attributes.fileKey(), attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS),
                    attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // Written out: the record's own are bootstrapped through method handles at their first call,
    // milliseconds of a bot's second checkpoint.
    @Override
    public boolean equals(Object other) {
        return other instanceof FileStamp stamp && Objects.equals(fileKey, stamp.fileKey)
                && modifiedMicros == stamp.modifiedMicros && size == stamp.size;
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(fileKey) * 31 + Long.hashCode(modifiedMicros)) * 31 + Long.hashCode(size);
    }
}
