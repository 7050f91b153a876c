package dev.jobstate.cli.farm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * One file of {@link StatusCache}: named entries, each with the stamp (size, mtime, file key) of
 * what it was made from and a date, written whole with a CRC32 and renamed into place. Entries are
 * self-contained bytes, so one kept from the file as read is written again as it is, never decoded.
 * Read at most {@link #MAX_BYTES}; a torn file, another version's or an unreadable one is as none.
 */
final class KeptEntries {

    /** Bump when an entry means something else, so old caches are dropped rather than misread. */
    private static final int VERSION = 1;
    private static final int MAGIC = 0x4a53_5353; // "JSSS"
    /** Beyond this the cache would weigh on a small heap more than reading the files does. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Where an entry's body starts, from its length: stamp (8 + 8 + 4) and epoch day (4) after it. */
    private static final int BODY = 4 + 8 + 8 + 4 + 4;

    private final Path file;
    private final ByteBuffer kept;
    /** Each entry of the file as read, by name: the offset of its length, after its name. */
    private final Map<String, Integer> index;
    /** Entries this run used (offset, as an {@code Integer}) or made anew (bytes): what a save writes. */
    private final Map<String, Object> seen;
    private volatile boolean stale;

    KeptEntries(Path file) {
        this.file = file;
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
        // Sized for what a run that uses every entry puts: growing by doubling to 20,000 showed in profiles.
        this.seen = new ConcurrentHashMap<>(Math.max(16, entries.size() + entries.size() / 2));
    }

    /** The offset of entry {@code name} in the file as read, or null. */
    Integer at(String name) {
        return index.get(name);
    }

    TallyCache.Stamp stamp(int at) {
        return new TallyCache.Stamp(kept.getLong(at + 4), kept.getLong(at + 12), kept.getInt(at + 20));
    }

    /** The entry's body (after stamp and date), on a buffer of its own; its date just before it. */
    ByteBuffer body(int at) {
        return kept.duplicate().position(at + BODY);
    }

    /** Entry {@code name}, at {@code at} in the file as read, is still good: the next save keeps it. */
    void use(String name, int at) {
        seen.put(name, at);
    }

    /** Keeps {@code name} if it is in the file as read and nothing this run said otherwise. */
    void keepIfKept(String name) {
        Integer at = index.get(name);
        if (at != null) {
            seen.putIfAbsent(name, at);
        }
    }

    /** Entry {@code name} made anew ({@link #entry}); a later save writes it. */
    void put(String name, byte[] entry) {
        seen.put(name, entry);
        stale = true;
    }

    /** Entry {@code name} of the file as read is wrong now and none replaces it: a later save drops it. */
    void drop(String name) {
        if (index.containsKey(name)) {
            stale = true;
        }
    }

    /** What this run kept of {@code name}: an offset in the file as read, new bytes, or null. */
    Object seen(String name) {
        return seen.get(name);
    }

    /** The stamp of what this run kept of {@code name}, or null. */
    TallyCache.Stamp seenStamp(String name) {
        Object entry = seen.get(name);
        if (entry instanceof Integer at) {
            return stamp(at);
        }
        if (entry instanceof byte[] fresh) {
            ByteBuffer bytes = ByteBuffer.wrap(fresh);
            int at = 4 + bytes.getInt(0);
            return new TallyCache.Stamp(bytes.getLong(at + 4), bytes.getLong(at + 12), bytes.getInt(at + 20));
        }
        return null;
    }

    /**
     * Writes the entries this run used or made, and those of the file as read it did not look at
     * whose date {@code keepUnseen} accepts; nothing when that is what the file holds already.
     *
     * @throws IOException when it cannot be written; the caller reads files then, as before
     */
    void save(Predicate<LocalDate> keepUnseen) throws IOException {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(seen.entrySet());
        for (Map.Entry<String, Integer> old : index.entrySet()) {
            if (!seen.containsKey(old.getKey())) {
                if (keepUnseen.test(LocalDate.ofEpochDay(kept.getInt(old.getValue() + BODY - 4)))) {
                    entries.add(Map.entry(old.getKey(), old.getValue()));
                } else {
                    stale = true;
                }
            }
        }
        if (!stale) {
            return;
        }
        byte[] bytes = encode(entries);
        if (bytes == null) { // more than is worth keeping
            Files.deleteIfExists(file);
            return;
        }
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            TallyCache.createPrivate(folder);
        }
        Path temp = Files.createTempFile(folder, ".days-", ".tmp", TallyCache.privateFile());
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            stale = false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * One entry: name, length of the rest, stamp (size, mtime, file key), epoch day, then its body.
     */
    static byte[] entry(String entryName, TallyCache.Stamp stamp, LocalDate date, VarInts.Writer body) {
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + name.length + BODY + body.size());
        out.putInt(name.length).put(name).putInt(BODY - 4 + body.size());
        out.putLong(stamp.size()).putLong(stamp.mtimeNanos()).putInt(stamp.fileKey()).putInt((int) date.toEpochDay());
        body.copyTo(out.array(), out.position());
        return out.array();
    }

    /**
     * Header, entries (new bytes, or an offset in the file as read), a CRC32 of it all: written into
     * one array of the exact size. A stream grown from a kilobyte and copied out twice moved the
     * farm's 27 MB of summaries about five times over in a first status.
     */
    private byte[] encode(List<Map.Entry<String, Object>> entries) {
        // A kept entry starts at its name's length: 4 + the name's bytes before the offset of its length.
        int[] starts = new int[entries.size()];
        long size = 12 + 8;
        for (int i = 0; i < starts.length; i++) {
            Map.Entry<String, Object> entry = entries.get(i);
            if (entry.getValue() instanceof byte[] fresh) {
                size += fresh.length;
            } else {
                int at = (Integer) entry.getValue();
                starts[i] = at - 4 - entry.getKey().getBytes(StandardCharsets.UTF_8).length;
                size += at + 4 + kept.getInt(at) - starts[i];
            }
        }
        if (size > MAX_BYTES) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(MAGIC).putInt(VERSION).putInt(entries.size());
        for (int i = 0; i < starts.length; i++) {
            Map.Entry<String, Object> entry = entries.get(i);
            if (entry.getValue() instanceof byte[] fresh) {
                out.put(fresh);
            } else {
                int at = (Integer) entry.getValue();
                out.put(kept.array(), starts[i], at + 4 + kept.getInt(at) - starts[i]);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putLong(crc.getValue());
        return out.array();
    }

    /**
     * Indexes the entry at {@code at} and returns where the next one starts. A method of its own, so
     * it is compiled after a few hundred of the 20,000 entries a farm's cache holds: the loop over
     * them runs once, in the interpreter.
     */
    private static int index(ByteBuffer in, int at, int end, Map<String, Integer> index) {
        int nameLength = in.getInt(at);
        if (nameLength < 0 || nameLength > end - at - 8) {
            throw new IllegalArgumentException("bad name");
        }
        String name = new String(in.array(), at + 4, nameLength, StandardCharsets.UTF_8);
        int lengthAt = at + 4 + nameLength;
        int length = in.getInt(lengthAt);
        if (length < BODY - 4 || length > end - lengthAt - 4) {
            throw new IllegalArgumentException("bad entry");
        }
        index.put(name, lengthAt);
        return lengthAt + 4 + length;
    }

    /**
     * Each entry's name and the offset of its length, after the name.
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
            at = index(in, at, end, index);
        }
        if (at != end) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return index;
    }
}
