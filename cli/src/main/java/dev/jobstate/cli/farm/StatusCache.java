package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * What {@code status} read of each day file (the day without results or durations, {@link DaySummary}),
 * kept between runs in {@code <state>/.cache/status/days}, one file for the farm, so a status over
 * files that did not change opens none of them: the day before's, which status reads for what is
 * not started yet, hardly ever do, and most of today's stand still between two looks.
 *
 * <p>Never trusted over a file, as {@link TallyCache}: a summary is used only while its day file has
 * the same size, mtime and file key (inode) as when it was read; a file changed less than 2 s before
 * the run started is not kept; a file that cannot be read is never kept, so it is read (and reported
 * in its own words) every time. A cache file that is torn, of another version or too large is
 * ignored and rewritten; one that cannot be written leaves the run reading files, as before.
 *
 * <p>It keeps the days the last runs looked at: what a run read, plus what it had kept of days near
 * them that the run did not cover (another account's, with {@code --account}), so it stays about
 * the size of two days of the farm.
 */
final class StatusCache implements DayReader {

    static final String FOLDER = "status";
    static final String FILE = "days";

    /** Bump when a summary means something else, so old caches are dropped rather than misread. */
    private static final int VERSION = 1;
    private static final int MAGIC = 0x4a53_5353; // "JSSS"
    private static final long SETTLE_NANOS = 2_000_000_000L;
    /** Beyond this the cache would weigh on a small heap more than reading the files does. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Kept days of no run's range are dropped once they are this far from the last run's. */
    private static final int NEAR_DAYS = 2;

    private final Path file;
    private final DayFileReader files;
    private final long settledBeforeNanos;
    /** The cache file as read, and where each entry is in it: name to offset. */
    private final ByteBuffer kept;
    private final Map<String, Integer> index;
    /** Entries this process used or read anew, by name: what the next save writes. */
    private final Map<String, Object> seen = new ConcurrentHashMap<>();
    private final List<Scope> scanned = new ArrayList<>();
    private volatile boolean stale;
    private boolean writable = true;

    /** Reads the cache of {@code root}'s farm, if any; {@code now} is when the run starts. */
    StatusCache(Path root, DayFileReader files, Instant now) {
        this.file = root.resolve(TallyCache.FOLDER).resolve(FOLDER).resolve(FILE);
        this.files = files;
        this.settledBeforeNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - SETTLE_NANOS;
        ByteBuffer bytes = ByteBuffer.allocate(0);
        Map<String, Integer> entries = new HashMap<>();
        try {
            if (Files.size(file) <= MAX_BYTES) {
                bytes = ByteBuffer.wrap(Files.readAllBytes(file));
                entries = index(bytes);
            }
        } catch (NoSuchFileException e) {
            // nothing kept yet
        } catch (IOException | RuntimeException e) {
            entries = new HashMap<>(); // unreadable or torn: rewritten by this run
            stale = true;
        }
        this.kept = bytes;
        this.index = entries;
    }

    /**
     * The day of {@code ref}: its summary while the file is as it was when read (stat first, so a
     * summary is never older than its stamp), else the file, read and summarized for the next run.
     */
    @Override
    public StateFiles.Read read(DayFileRef ref) throws IOException {
        String name = name(ref);
        TallyCache.Stamp stamp = TallyCache.Stamp.of(ref.file());
        Integer at = index.get(name);
        if (stamp != null && at != null) {
            ByteBuffer entry = kept.duplicate();
            if (stamp.equals(stamp(entry, at))) {
                try {
                    StateFiles.Read read = new StateFiles.Parsed(DaySummary.read(entry.position(at + 28), ref.key()));
                    seen.put(name, at);
                    return read;
                } catch (RuntimeException e) {
                    // not what this version wrote after all: the file says
                }
            }
        }
        StateFiles.Read read = files.read(ref);
        if (read instanceof StateFiles.Parsed parsed && stamp != null && stamp.mtimeNanos() < settledBeforeNanos) {
            seen.put(name, entry(ref, stamp, parsed));
            stale = true;
        } else if (at != null) {
            stale = true; // its entry is not kept: the file changed, or cannot be read
        }
        return read;
    }

    /**
     * The day files of account folder {@code folder} in {@code scope}, by type then date: as the
     * last status listed them while the folder has the same mtime and inode (creating, renaming or
     * deleting a file in it changes its mtime; a bot renames each write into place), else listed.
     * Listing 10,000 folders of 90 files each cost more than reading two days' summaries.
     */
    List<DayFileRef> dayFiles(Path folder, Scope scope, StateDir dir) throws IOException {
        String name = folder.getFileName().toString(); // no slash: never a day file's entry
        TallyCache.Stamp stamp = TallyCache.Stamp.of(folder);
        Integer at = index.get(name);
        if (stamp != null && at != null && stamp.equals(stamp(kept, at))) {
            try {
                List<DayFileRef> refs = listing(kept.duplicate().position(at + 28), folder, scope);
                if (refs != null) {
                    seen.put(name, at);
                    return refs;
                }
            } catch (RuntimeException e) {
                // not what this version wrote after all: the folder says
            }
        }
        List<DayFileRef> refs = dir.dayFiles(folder, scope);
        if (stamp != null && stamp.mtimeNanos() < settledBeforeNanos) {
            ByteArrayOutputStream listing = new ByteArrayOutputStream(64 + refs.size() * 64);
            DataOutputStream out = new DataOutputStream(listing);
            out.writeInt((int) scope.from().toEpochDay());
            DaySummary.writeString(out, scope.type());
            out.writeInt(refs.size());
            for (DayFileRef ref : refs) {
                DaySummary.writeString(out, ref.file().getFileName().toString());
                DaySummary.writeString(out, ref.account());
                DaySummary.writeString(out, ref.type());
                out.writeInt((int) ref.date().toEpochDay());
            }
            seen.put(name, entry(name, stamp, scope.to(), listing));
            stale = true;
        } else if (at != null) {
            stale = true; // its entry is not kept: the folder changed
        }
        return refs;
    }

    /** A folder's kept listing, if it was of the same days and type as {@code scope}; else null. */
    private static List<DayFileRef> listing(ByteBuffer in, Path folder, Scope scope) {
        if (in.getInt(in.position() - 4) != (int) scope.to().toEpochDay() || in.getInt() != (int) scope.from().toEpochDay()
                || !Objects.equals(DaySummary.readString(in), scope.type())) {
            return null;
        }
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("bad count");
        }
        List<DayFileRef> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(new DayFileRef(folder.resolve(DaySummary.readString(in)), DaySummary.readString(in),
                    DaySummary.readString(in), LocalDate.ofEpochDay(in.getInt())));
        }
        return refs;
    }

    /** A scan of {@code scope} is over: its days are what {@link #save} keeps. */
    synchronized void scanned(Scope scope) {
        scanned.add(scope);
    }

    /**
     * Writes the days this process used or read, and those it kept of days near them that no scan
     * covered; nothing when they are what the cache already holds, or when it cannot be written.
     */
    synchronized void save() {
        if (scanned.isEmpty() || !writable) {
            return;
        }
        List<Object> entries = new ArrayList<>(seen.values());
        for (Map.Entry<String, Integer> old : index.entrySet()) {
            if (seen.containsKey(old.getKey())) {
                continue;
            }
            LocalDate date = LocalDate.ofEpochDay(kept.getInt(old.getValue() + 4 + 8 + 8 + 4));
            if (near(date) && !covered(date)) {
                entries.add(old.getValue());
            } else {
                stale = true; // a day gone from a scanned folder, or far from what runs look at now
            }
        }
        if (!stale) {
            return;
        }
        Path temp = null;
        try {
            byte[] bytes = encode(entries);
            if (bytes.length > MAX_BYTES) {
                Files.deleteIfExists(file);
                return;
            }
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                TallyCache.createPrivate(folder);
            }
            temp = Files.createTempFile(folder, ".days-", ".tmp", TallyCache.privateFile());
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            stale = false;
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

    /** Whether a scan looked at every file of {@code date}: then a kept day it did not see is gone. */
    private boolean covered(LocalDate date) {
        for (Scope scope : scanned) {
            if (scope.account() == null && scope.type() == null && !date.isBefore(scope.from())
                    && !date.isAfter(scope.to())) {
                return true;
            }
        }
        return false;
    }

    private boolean near(LocalDate date) {
        for (Scope scope : scanned) {
            if (!date.isBefore(scope.from().minusDays(NEAR_DAYS)) && !date.isAfter(scope.to().plusDays(NEAR_DAYS))) {
                return true;
            }
        }
        return false;
    }

    /** The day file's path from the state folder: the entry's name. */
    private String name(DayFileRef ref) {
        Path file = ref.file();
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    /** A day file's entry: its summary. */
    private byte[] entry(DayFileRef ref, TallyCache.Stamp stamp, StateFiles.Parsed parsed) throws IOException {
        ByteArrayOutputStream summary = new ByteArrayOutputStream(512);
        DaySummary.write(new DataOutputStream(summary), parsed.day());
        return entry(name(ref), stamp, ref.date(), summary);
    }

    /**
     * One entry: name, length of the rest, stamp (size, mtime, file key), epoch day, then what it
     * keeps. Self-contained, so a later save copies it as it is.
     */
    private static byte[] entry(String entryName, TallyCache.Stamp stamp, LocalDate date, ByteArrayOutputStream body)
            throws IOException {
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.size() + name.length + 40);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(name.length);
        out.write(name);
        out.writeInt(8 + 8 + 4 + 4 + body.size());
        out.writeLong(stamp.size());
        out.writeLong(stamp.mtimeNanos());
        out.writeInt(stamp.fileKey());
        out.writeInt((int) date.toEpochDay());
        body.writeTo(out);
        return bytes.toByteArray();
    }

    /** The stamp of the entry at {@code at} (its length, after its name). */
    private static TallyCache.Stamp stamp(ByteBuffer bytes, int at) {
        return new TallyCache.Stamp(bytes.getLong(at + 4), bytes.getLong(at + 12), bytes.getInt(at + 20));
    }

    /**
     * Header, entries (each as {@link #entry} writes it; an {@code Integer} is an entry of the
     * file as read, at that offset), a CRC32 of it all.
     */
    private byte[] encode(List<Object> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, kept.capacity() + 1024));
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(entries.size());
        for (Object entry : entries) {
            if (entry instanceof byte[] fresh) {
                out.write(fresh);
            } else {
                int at = (Integer) entry;
                int nameLength = kept.getInt(at);
                int start = at - 4 - nameLength; // entries are indexed at their length
                int end = at + 4 + kept.getInt(at);
                out.write(kept.array(), start, end - start);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    /**
     * Each entry's name and offset (at its length, after the name).
     *
     * @throws RuntimeException when the bytes are not a cache this version wrote, whole
     */
    private static Map<String, Integer> index(ByteBuffer in) {
        byte[] bytes = in.array();
        if (bytes.length < 20) {
            throw new IllegalArgumentException("too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (in.getLong(bytes.length - 8) != crc.getValue() || in.getInt(0) != MAGIC || in.getInt(4) != VERSION) {
            throw new IllegalArgumentException("torn, or another version's");
        }
        int count = in.getInt(8);
        int end = bytes.length - 8;
        if (count < 0 || count > end) {
            throw new IllegalArgumentException("bad count");
        }
        Map<String, Integer> index = new HashMap<>(count * 2);
        int at = 12;
        for (int i = 0; i < count; i++) {
            int nameLength = in.getInt(at);
            if (nameLength < 0 || nameLength > end - at - 8) {
                throw new IllegalArgumentException("bad name");
            }
            String name = new String(bytes, at + 4, nameLength, StandardCharsets.UTF_8);
            at += 4 + nameLength;
            int length = in.getInt(at);
            if (length < 24 || length > end - at - 4) {
                throw new IllegalArgumentException("bad entry");
            }
            index.put(name, at);
            at += 4 + length;
        }
        if (at != end) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return index;
    }

    /** The names this process used or read anew: for tests. */
    Set<String> seen() {
        return seen.keySet();
    }
}
