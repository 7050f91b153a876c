package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file operations a crash must not be able to tear: a replace that leaves either the old or the
 * new file (temp file in the same folder, fsync, atomic rename, fsync of the folder), and folders
 * and files private to their owner where the file system has POSIX permissions.
 *
 * <p>There is deliberately no fallback for a file system that cannot rename atomically: a
 * non-atomic replace can leave a torn or missing state file, which is worse than not persisting.
 */
final class DurableFiles {

    static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?>[] OWNER_ONLY = {PosixFilePermissions.asFileAttribute(OWNER_FILE)};

    private DurableFiles() {
    }

    /** Creates {@code folder} and any missing parents, readable only by their owner. */
    static void createPrivateDirectories(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (isPosix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(folder);
        }
    }

    static FileAttribute<?>[] privateFile(Path file) {
        return isPosix(file) ? OWNER_ONLY.clone() : new FileAttribute<?>[0];
    }

    /**
     * Replaces {@code target} with {@code bytes} so that after a crash at any point the file holds
     * either its old or its new content, and once this returns the new content survives a crash.
     *
     * @return the stamp of the new file
     */
    static FileStamp replace(Path target, byte[] bytes) throws IOException {
        return replaceTimed(target, bytes).stamp();
    }

    /**
     * A {@link #replace} done.
     *
     * @param bytes the new file's size
     * @param syncNanos the time spent in fsync, of the file and of its folder: what a checkpoint
     *     waits for the disk, which the Flight Recorder event reports apart from the rest
     */
    record Replaced(FileStamp stamp, int bytes, long syncNanos) {
    }

    /** {@link #replace}, timing the fsyncs. */
    static Replaced replaceTimed(Path target, byte[] bytes) throws IOException {
        Path folder = target.getParent();
        Path temp = folder.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        boolean moved = false;
        long syncNanos;
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), privateFile(temp))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                long syncing = System.nanoTime();
                channel.force(true);
                syncNanos = System.nanoTime() - syncing;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            long syncing = System.nanoTime();
            syncFolder(folder);
            syncNanos += System.nanoTime() - syncing;
            return new Replaced(FileStamp.of(target), bytes.length, syncNanos);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /** Makes a rename or creation in {@code folder} durable: without it a crash can undo the rename. */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Reads a whole file, refusing one larger than {@code limit} bytes before reading it. */
    static byte[] readAtMost(Path file, long limit) throws IOException, CorruptStateException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > limit) {
                throw new CorruptStateException("the file is " + size + " bytes, over the "
                        + limit + "-byte limit for a state file");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // A file that shrinks while read is caught by the parser as truncated.
            }
            buffer.flip();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /**
     * Renames a bad file aside, bytes untouched, as {@code <name>.corrupt-<UTC timestamp>}.
     *
     * @return where it now is
     */
    static Path quarantine(Path file, Instant now) throws IOException {
        String base = file.getFileName() + ".corrupt-" + QuarantineStamp.FORMAT.format(now);
        for (int n = 0; ; n++) {
            Path aside = file.resolveSibling(n == 0 ? base : base + "-" + n);
            if (Files.exists(aside)) {
                continue;
            }
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                syncFolder(file.getParent());
                return aside;
            } catch (FileAlreadyExistsException raced) {
                // Another process quarantined into the same name in the same millisecond; next.
            }
        }
    }

    /**
     * Deletes temp files a crashed writer left in {@code folder}. Only call this while holding the
     * folder's lock: writers create temp files only under it, so any temp file seen then is orphaned.
     */
    static int deleteOrphanedTemps(Path folder) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.deleteIfExists(temp)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Whether {@code folder} holds temp files; looking needs no lock. */
    static boolean hasTemps(Path folder) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*" + TEMP_SUFFIX)) {
            return temps.iterator().hasNext();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: what is left is a temp file the next run deletes under the lock.
        }
    }

    private static boolean isPosix(Path path) {
        FileSystem fileSystem = path.getFileSystem();
        // Asked on every write: the default file system's answer is kept (it builds a set each time).
        return fileSystem == DefaultFileSystem.ITSELF ? DefaultFileSystem.IS_POSIX
                : fileSystem.supportedFileAttributeViews().contains("posix");
    }

    private static final class DefaultFileSystem {
        static final FileSystem ITSELF = FileSystems.getDefault();
        static final boolean IS_POSIX = ITSELF.supportedFileAttributeViews().contains("posix");
    }

    /** Initialised only when a file is put aside: java.time's formatting costs a bot's first checkpoint ~25 ms. */
    private static final class QuarantineStamp {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    }
}
