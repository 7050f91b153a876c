package dev.jobstate.cli.farm;

import dev.jobstate.core.model.LastFailure;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The report's tallies of day files, kept between runs in {@code <state>/.cache/report/}, one file
 * per account folder, so a report over days that did not change reads no day file again.
 *
 * <p>Never trusted over a file: a tally is used only while its day file has the same size, mtime
 * and file key (inode) as when it was read, and a file changed less than {@link #SETTLE} before the
 * scan is not kept at all, since a second write within the file system's clock tick leaves the same
 * mtime. A cache file that is torn, of another version or otherwise unreadable is ignored and
 * rebuilt; one that cannot be written is left alone. Two runs at once each write a whole file and
 * rename it into place, so the last one wins whole. The folder starts with a dot, which no account
 * folder does: the agent and the other commands never take it for state.
 */
final class TallyCache {

    /** Below the state folder: one more folder of the farm's, with its permissions. */
    static final String FOLDER = ".cache";

    /** Bump when a tally means something else, so old caches are dropped rather than misread. */
    private static final int VERSION = 1;
    private static final int MAGIC = 0x4a53_5443; // "JSTC"
    private static final long SETTLE_NANOS = 2_000_000_000L;
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private final Path folder;
    private final long settledBeforeNanos;
    private volatile boolean writable = true;

    /** @param now when the scan starts: files changed since a little before are not kept */
    TallyCache(Path stateRoot, Instant now) {
        this.folder = stateRoot.resolve(FOLDER).resolve("report");
        this.settledBeforeNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - SETTLE_NANOS;
    }

    /** The tallies kept of one account folder's days; none when there are none or they cannot be read. */
    Folder open(Path accountFolder) {
        Path file = folder.resolve(accountFolder.getFileName().toString());
        Map<String, Entry> entries = new HashMap<>();
        try {
            if (Files.size(file) <= MAX_BYTES) {
                entries = decode(Files.readAllBytes(file));
            }
        } catch (NoSuchFileException e) {
            // nothing kept yet
        } catch (IOException | RuntimeException e) {
            entries = new HashMap<>(); // unreadable or torn: rebuilt by this run
        }
        return new Folder(accountFolder, file, entries);
    }

    /** Deletes the tallies of {@code accountFolder}: days of it were removed on purpose. */
    static void forget(Path stateRoot, String accountFolder) throws IOException {
        Files.deleteIfExists(stateRoot.resolve(FOLDER).resolve("report").resolve(accountFolder));
    }

    /** Deletes the tallies of account folders no longer in the farm. */
    void forgetAllBut(Set<String> accountFolders) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!accountFolders.contains(name) && !name.startsWith(".")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // a cache that cannot be tidied costs a little disk, nothing else
        }
    }

    /** When a day file was read, as its stat says. */
    record Stamp(long size, long mtimeNanos, int fileKey) {

        /** The file's size, mtime and file key; null when they cannot be told (then it is read, not kept). */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Object key = attributes.fileKey();
                return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        key == null ? 0 : key.hashCode());
            } catch (IOException e) {
                return null;
            }
        }
    }

    private record Entry(Stamp stamp, DayTally tally) {
    }

    /** One account folder's tallies, used and brought up to date by one scan of it. */
    final class Folder {
        private final Path accountFolder;
        private final Path file;
        private final Map<String, Entry> entries;
        private final Map<String, Entry> kept = new HashMap<>();
        private final Set<String> visited = new HashSet<>();
        private boolean changed;

        private Folder(Path accountFolder, Path file, Map<String, Entry> entries) {
            this.accountFolder = accountFolder;
            this.file = file;
            this.entries = entries;
        }

        /** The tally of day file {@code name} if it is still as {@code stamp} says; null otherwise. */
        DayTally get(String name, Stamp stamp) {
            Entry entry = entries.get(name);
            if (entry == null || !entry.stamp.equals(stamp)) {
                return null;
            }
            visited.add(name);
            kept.put(name, entry);
            return entry.tally;
        }

        /** Day file {@code name} has no tally to keep now (unreadable, or gone). */
        void drop(String name) {
            visited.add(name);
            changed |= entries.containsKey(name);
        }

        /** Keeps {@code tally} of {@code name} as read at {@code stamp}, unless the file may still change unseen. */
        void put(String name, Stamp stamp, DayTally tally) {
            visited.add(name);
            changed = true;
            if (stamp.mtimeNanos < settledBeforeNanos) {
                kept.put(name, new Entry(stamp, tally));
            }
        }

        /**
         * Writes what this scan saw, plus the entries it did not look at whose files are still there
         * (days outside its range). Entries of files that are gone are dropped.
         */
        void save() {
            for (Map.Entry<String, Entry> old : entries.entrySet()) {
                if (!visited.contains(old.getKey())) {
                    if (Files.exists(accountFolder.resolve(old.getKey()))) {
                        kept.put(old.getKey(), old.getValue());
                    } else {
                        changed = true;
                    }
                }
            }
            if (!changed || !writable) {
                return;
            }
            Path temp = null;
            try {
                if (!Files.isDirectory(folder)) {
                    createPrivate(folder);
                }
                temp = Files.createTempFile(folder, ".tally-", ".tmp", privateFile());
                Files.write(temp, encode(kept));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
            } catch (IOException | UnsupportedOperationException e) {
                writable = false; // a read-only farm is read as it is, every time
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException e) {
                        // left as a dot file of the cache folder, which nothing reads
                    }
                }
            }
        }
    }

    static void createPrivate(Path folder) throws IOException {
        if (posix()) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    static FileAttribute<?>[] privateFile() {
        return posix() ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Strings first, each once (names, ids, exceptions and messages repeat from day to day), then
     * the entries referring to them by number, then a CRC32 of it all.
     */
    static byte[] encode(Map<String, Entry> entries) throws IOException {
        Map<String, Integer> strings = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(entries.size() * 64 + 16);
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> each : entries.entrySet()) {
            Stamp stamp = each.getValue().stamp;
            DayTally tally = each.getValue().tally;
            out.writeInt(ref(strings, each.getKey()));
            out.writeLong(stamp.size);
            out.writeLong(stamp.mtimeNanos);
            out.writeInt(stamp.fileKey);
            out.writeInt(tally.completed());
            out.writeInt(tally.known());
            out.writeInt(tally.durations().length);
            for (long ms : tally.durations()) {
                out.writeLong(ms);
            }
            out.writeInt(tally.failures().size());
            for (DayTally.Failure f : tally.failures()) {
                out.writeInt(ref(strings, f.id()));
                out.writeInt(ref(strings, f.last().exception()));
                out.writeInt(f.last().message() == null ? -1 : ref(strings, f.last().message()));
                out.writeLong(f.last().at().getEpochSecond());
                out.writeInt(f.last().at().getNano());
                out.writeInt(f.last().attempts());
                out.writeInt(f.last().maxAttempts());
            }
            out.writeInt(tally.remaining().size());
            for (String id : tally.remaining()) {
                out.writeInt(ref(strings, id));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.size() + strings.size() * 24 + 32);
        DataOutputStream whole = new DataOutputStream(bytes);
        whole.writeInt(MAGIC);
        whole.writeInt(VERSION);
        whole.writeInt(strings.size());
        for (String text : strings.keySet()) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            whole.writeInt(utf8.length);
            whole.write(utf8);
        }
        body.writeTo(whole);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        whole.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    private static int ref(Map<String, Integer> strings, String text) {
        return strings.computeIfAbsent(text, t -> strings.size());
    }

    /** @throws RuntimeException when the bytes are not a cache this version wrote, whole */
    static Map<String, Entry> decode(byte[] bytes) {
        if (bytes.length < 20) {
            throw new IllegalArgumentException("too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong(bytes.length - 8) != crc.getValue() || in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IllegalArgumentException("torn, or another version's");
        }
        String[] strings = new String[count(in)];
        for (int i = 0; i < strings.length; i++) {
            int length = count(in);
            strings[i] = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        }
        int count = count(in);
        Map<String, Entry> entries = new HashMap<>(count * 2);
        for (int e = 0; e < count; e++) {
            String name = strings[in.getInt()];
            Stamp stamp = new Stamp(in.getLong(), in.getLong(), in.getInt());
            int completed = in.getInt();
            int known = in.getInt();
            long[] durations = new long[count(in)];
            for (int i = 0; i < durations.length; i++) {
                durations[i] = in.getLong();
            }
            DayTally.Failure[] failures = new DayTally.Failure[count(in)];
            for (int i = 0; i < failures.length; i++) {
                String id = strings[in.getInt()];
                String exception = strings[in.getInt()];
                int message = in.getInt();
                Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
                failures[i] = new DayTally.Failure(id, new LastFailure(exception, message < 0 ? null : strings[message],
                        at, in.getInt(), in.getInt()));
            }
            String[] remaining = new String[count(in)];
            for (int i = 0; i < remaining.length; i++) {
                remaining[i] = strings[in.getInt()];
            }
            entries.put(name, new Entry(stamp, new DayTally(completed, known, durations, List.of(failures),
                    List.of(remaining))));
        }
        if (in.remaining() != 8) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return entries;
    }

    /** A count or length, which cannot be more than the bytes left: a torn file fails here, not in an allocation. */
    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad count");
        }
        return count;
    }
}
