package dev.jobstate.cli.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Day files as the CLI's caches see them: written with a given mtime, or edited keeping their size;
 * account folders with a given mtime.
 */
final class DayFilesOnDisk {

    private DayFilesOnDisk() {
    }

    /** A day file {@code name} under {@code root} with {@code completed} ids, last modified at {@code mtime}. */
    static Path write(Path root, String name, String completed, Instant mtime) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"completed\": " + completed + ", \"lastUpdate\": null}\n");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    /** Account folders under {@code root} last modified at {@code mtime}, as folders nothing was written to since. */
    static void settle(Path root, Instant mtime, String... accountFolders) throws IOException {
        for (String folder : accountFolders) {
            Files.setLastModifiedTime(root.resolve(folder), FileTime.from(mtime));
        }
    }

    /** {@code json} padded to the length of {@code file}, as an edit that keeps the size. */
    static String sameSize(Path file, String json) throws IOException {
        int length = (int) Files.size(file);
        return json + " ".repeat(length - json.length() - 1) + "\n";
    }
}
