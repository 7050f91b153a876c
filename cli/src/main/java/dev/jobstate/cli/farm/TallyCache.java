package dev.jobstate.cli.farm;

import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.DayFileRef;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The report's tallies of day files, kept between runs in {@code <state>/.cache/report/}, one file
 * per account folder, so a report over days that did not change reads no day file again; with them
 * the folder's names, so a folder that did not change is not listed again either.
 *
 * <p>Never trusted over a file: a tally is used only while its day file has the same size, mtime
 * and file key (inode) as when it was read, the names only while the folder has the stamp it had
 * when listed, and nothing changed less than 2 s before the scan is kept at all
 * ({@link SettleWindow}). A cache file that is torn, of another version or otherwise unreadable is
 * ignored and rebuilt; one that cannot be written is left alone. Two runs at once each write a whole file and
 * rename it into place, so the last one wins whole. The folder starts with a dot, which no account
 * folder does: the agent and the other commands never take it for state.
 */
final class TallyCache {

    /** Below the state folder: one more folder of the farm's, with its permissions. */
    static final String FOLDER = ".cache";

    /** Bump when a tally means something else, so old caches are dropped rather than misread. */
    private static final int VERSION = 2;
    private static final int MAGIC = 0x4a53_5443; // "JSTC"
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private final Path folder;
    private final SettleWindow window;
    private volatile boolean writable = true;

    /** @param now when the scan starts: files changed since a little before are not kept */
    TallyCache(Path stateRoot, Instant now) {
        this.folder = stateRoot.resolve(FOLDER).resolve("report");
        this.window = new SettleWindow(now);
    }

    /** The tallies kept of one account folder's days; none when there are none or they cannot be read. */
    Folder open(Path accountFolder) {
        Path file = folder.resolve(accountFolder.getFileName().toString());
        Kept kept = Kept.NONE;
        try {
            if (Files.size(file) <= MAX_BYTES) {
                kept = decode(Files.readAllBytes(file));
            }
        } catch (NoSuchFileException e) {
            // nothing kept yet
        } catch (IOException | RuntimeException e) {
            kept = Kept.NONE; // unreadable or torn: rebuilt by this run
        }
        return new Folder(accountFolder, file, kept);
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
            BasicFileAttributes attributes = attributes(file);
            return attributes == null ? null : of(attributes);
        }

        static Stamp of(BasicFileAttributes attributes) {
            Object key = attributes.fileKey();
            return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? 0 : key.hashCode());
        }

        /** What a stamp is made of, as the file's stat says; null when it cannot be told. */
        static BasicFileAttributes attributes(Path file) {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                return null;
            }
        }

        // Written out: a record's own equals runs through method handles, bootstrapped at its first
        // call and slow until compiled; status compares 60,000 stamps once per process.
        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp that && size == that.size && mtimeNanos == that.mtimeNanos
                    && fileKey == that.fileKey;
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(size) * 31 + Long.hashCode(mtimeNanos)) * 31 + fileKey;
        }
    }

    private record Entry(Stamp stamp, DayTally tally) {
    }

    /**
     * What one cache file holds: the folder's {@code .json} names as listed when it had stamp
     * {@code listedAt} (null: no listing kept), and the tallies by day file name.
     */
    record Kept(Stamp listedAt, String[] listing, Map<String, Entry> entries) {
        static final Kept NONE = new Kept(null, null, Map.of());
    }

    /**
     * A day file of a scan, with its name: the key of its tally, which the listing gave, where
     * asking each path for it again (and hashing the new string) was 7% of a repeat report's samples.
     */
    record Listed(DayFileRef ref, String name) {
    }

    private static final Comparator<Listed> BY_REF = (a, b) -> StateDir.BY_TYPE_THEN_DATE.compare(a.ref(), b.ref());

    /** One account folder's tallies, used and brought up to date by one scan of it. */
    final class Folder {
        private final Path accountFolder;
        private final Path file;
        private final Map<String, Entry> entries;
        /** Each day file this scan looked at: its entry to keep, or null for none (changed just now, unreadable, gone). */
        private final Map<String, Entry> seen;
        private Stamp listedAt;
        private String[] listing;
        private boolean changed;

        private Folder(Path accountFolder, Path file, Kept read) {
            this.accountFolder = accountFolder;
            this.file = file;
            this.entries = read.entries();
            this.seen = new HashMap<>(entries.size() * 2);
            this.listedAt = read.listedAt();
            this.listing = read.listing();
        }

        /**
         * The folder's day files in {@code scope}, by type then date: from the names kept while the
         * folder has the stamp it had when they were listed (a file created, renamed or deleted in
         * it changes its mtime; a bot renames each write into place), else listed, and kept when the
         * folder's mtime is settled. Listing 10,000 folders was about a tenth of a repeat report.
         */
        List<Listed> dayFiles(Scope scope, StateDir dir) throws IOException {
            Stamp stamp = Stamp.of(accountFolder); // before listing: a listing is never older than its stamp
            String[] names = listing;
            if (stamp == null || !stamp.equals(listedAt)) {
                names = accountFolder.toFile().list();
                changed |= listedAt != null || settled(stamp);
                if (names == null) {
                    listedAt = null;
                    listing = null;
                    return dir.dayFiles(accountFolder, scope).stream() // says why it could not list
                            .map(ref -> new Listed(ref, ref.file().getFileName().toString())).toList();
                }
                listedAt = settled(stamp) ? stamp : null;
                // Kept in name order: mostly the order scans want, which a sort then merely confirms.
                listing = listedAt == null ? null : Arrays.stream(names).filter(n -> n.endsWith(".json"))
                        .sorted().toArray(String[]::new);
            }
            List<Listed> found = DayFileNames.of(accountFolder, names, scope, (name, ref) -> new Listed(ref, name));
            found.sort(BY_REF);
            return found;
        }

        private boolean settled(Stamp stamp) {
            return window.settled(stamp);
        }

        /** The tally of day file {@code name} if it is still as {@code stamp} says; null otherwise. */
        DayTally get(String name, Stamp stamp) {
            Entry entry = entries.get(name);
            if (entry == null || !entry.stamp.equals(stamp)) {
                return null;
            }
            seen.put(name, entry);
            return entry.tally;
        }

        /** Day file {@code name} has no tally to keep now (unreadable, or gone). */
        void drop(String name) {
            seen.put(name, null);
            changed |= entries.containsKey(name);
        }

        /** Keeps {@code tally} of {@code name} as read at {@code stamp}, unless the file may still change unseen. */
        void put(String name, Stamp stamp, DayTally tally) {
            changed = true;
            seen.put(name, settled(stamp) ? new Entry(stamp, tally) : null);
        }

        /**
         * Writes what this scan saw, plus the entries it did not look at whose files are still there
         * (days outside its range). Entries of files that are gone are dropped.
         */
        void save() {
            Map<String, Entry> kept = new HashMap<>(seen.size() * 2);
            for (Map.Entry<String, Entry> old : entries.entrySet()) {
                if (!seen.containsKey(old.getKey())) {
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
            seen.forEach((name, entry) -> {
                if (entry != null) {
                    kept.put(name, entry);
                }
            });
            Path temp = null;
            try {
                if (!Files.isDirectory(folder)) {
                    createPrivate(folder);
                }
                temp = Files.createTempFile(folder, ".tally-", ".tmp", privateFile());
                Files.write(temp, encode(new Kept(listedAt, listing, kept)));
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
     * Magic and version; the folder's stamp and listing; strings, each once (names, ids, exceptions
     * and messages repeat from day to day); the entries referring to them by number; a CRC32 of it
     * all. Numbers but mtimes and file keys take the bytes they need ({@link VarInts}): the tallies
     * of a 900,000-file farm took 160 MB in fixed-width numbers.
     */
    static byte[] encode(Kept kept) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        VarInts.Writer out = new VarInts.Writer(kept.entries().size() * 48 + 64);
        String[] listing = kept.listedAt() == null ? new String[0] : kept.listing();
        out.unsigned(kept.listedAt() != null ? 1 : 0);
        stamp(out, kept.listedAt() == null ? new Stamp(0, 0, 0) : kept.listedAt());
        out.unsigned(listing.length);
        for (String name : listing) {
            out.unsigned(ref(strings, name));
        }
        out.unsigned(kept.entries().size());
        for (Map.Entry<String, Entry> each : kept.entries().entrySet()) {
            DayTally tally = each.getValue().tally;
            out.unsigned(ref(strings, each.getKey()));
            stamp(out, each.getValue().stamp);
            out.unsigned(tally.completed());
            out.unsigned(tally.known());
            out.unsigned(tally.durations().length);
            for (long ms : tally.durations()) {
                out.signed(ms);
            }
            out.unsigned(tally.failures().size());
            for (DayTally.Failure f : tally.failures()) {
                out.unsigned(ref(strings, f.id()));
                out.unsigned(ref(strings, f.last().exception()));
                out.unsigned(f.last().message() == null ? 0 : 1 + ref(strings, f.last().message()));
                out.signed(f.last().at().getEpochSecond());
                out.unsigned(f.last().at().getNano());
                out.signed(f.last().attempts());
                out.signed(f.last().maxAttempts());
            }
            out.unsigned(tally.remaining().size());
            for (String id : tally.remaining()) {
                out.unsigned(ref(strings, id));
            }
        }
        VarInts.Writer whole = new VarInts.Writer(out.size() + strings.size() * 24 + 32);
        whole.fixedInt(MAGIC);
        whole.fixedInt(VERSION);
        whole.unsigned(strings.size());
        for (String text : strings.keySet()) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            whole.unsigned(utf8.length);
            whole.bytes(utf8);
        }
        whole.append(out);
        CRC32 crc = new CRC32();
        byte[] bytes = whole.toByteArray();
        crc.update(bytes);
        whole.fixedLong(crc.getValue());
        return whole.toByteArray();
    }

    /** Size in the bytes it needs; mtime and file key whole, as they hardly ever fit fewer. */
    private static void stamp(VarInts.Writer out, Stamp stamp) {
        out.unsigned(stamp.size);
        out.fixedLong(stamp.mtimeNanos);
        out.fixedInt(stamp.fileKey);
    }

    private static int ref(Map<String, Integer> strings, String text) {
        return strings.computeIfAbsent(text, t -> strings.size());
    }

    /** @throws RuntimeException when the bytes are not a cache this version wrote, whole */
    static Kept decode(byte[] bytes) {
        if (bytes.length < 20) {
            throw new IllegalArgumentException("too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        VarInts.Reader in = new VarInts.Reader(bytes, 0, bytes.length - 8);
        if (ByteBuffer.wrap(bytes).getLong(bytes.length - 8) != crc.getValue() || in.fixedInt() != MAGIC
                || in.fixedInt() != VERSION) {
            throw new IllegalArgumentException("torn, or another version's");
        }
        String[] strings = new String[in.count()];
        for (int i = 0; i < strings.length; i++) {
            int length = in.count();
            strings[i] = new String(bytes, in.skip(length), length, StandardCharsets.UTF_8);
        }
        boolean listed = in.index(2) == 1;
        Stamp listedAt = stamp(in);
        String[] listing = new String[in.count()];
        for (int i = 0; i < listing.length; i++) {
            listing[i] = strings[in.index(strings.length)];
        }
        int count = in.count();
        Map<String, Entry> entries = new HashMap<>(count * 2);
        for (int e = 0; e < count; e++) {
            String name = strings[in.index(strings.length)];
            Stamp stamp = stamp(in);
            int completed = in.count();
            int known = in.count();
            long[] durations = new long[in.count()];
            for (int i = 0; i < durations.length; i++) {
                durations[i] = in.signed();
            }
            DayTally.Failure[] failures = new DayTally.Failure[in.count()];
            for (int i = 0; i < failures.length; i++) {
                String id = strings[in.index(strings.length)];
                String exception = strings[in.index(strings.length)];
                int message = in.index(strings.length + 1);
                Instant at = Instant.ofEpochSecond(in.signed(), in.unsigned());
                failures[i] = new DayTally.Failure(id, new LastFailure(exception,
                        message == 0 ? null : strings[message - 1], at, in.signedInt(), in.signedInt()));
            }
            String[] remaining = new String[in.count()];
            for (int i = 0; i < remaining.length; i++) {
                remaining[i] = strings[in.index(strings.length)];
            }
            entries.put(name, new Entry(stamp, new DayTally(completed, known, durations, List.of(failures),
                    List.of(remaining))));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return listed ? new Kept(listedAt, listing, entries) : new Kept(null, null, entries);
    }

    private static Stamp stamp(VarInts.Reader in) {
        return new Stamp(in.unsigned(), in.fixedLong(), in.fixedInt());
    }
}
