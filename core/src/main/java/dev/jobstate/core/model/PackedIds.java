package dev.jobstate.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable, insertion-ordered set of ids, kept as one byte array instead of a String per id. A
 * farm keeps every account's day in memory: as Strings in a hash set, 50 ids of 16 characters take
 * about 5 KB; packed, about 1.2 KB.
 *
 * <p>Each id is its UTF-8 length (a varint) followed by its UTF-8 bytes. Lookups go through an
 * open-addressing table of offsets ({@code char} while the bytes fit in 64 KiB, else {@code int}),
 * so {@link #contains} costs one hash of the query and, for ASCII ids, a compare that allocates
 * nothing.
 */
final class PackedIds {

    static final PackedIds EMPTY = new PackedIds(new byte[0], 0, new char[1], null);

    private final byte[] bytes;
    private final int size;
    // Slot -> offset + 1 of the id hashed there, 0 when free; at most half full.
    private final char[] smallTable;
    private final int[] largeTable;

    private PackedIds(byte[] bytes, int size, char[] smallTable, int[] largeTable) {
        this.bytes = bytes;
        this.size = size;
        this.smallTable = smallTable;
        this.largeTable = largeTable;
    }

    public static PackedIds of(Iterable<String> ids) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : ids) {
            distinct.add(id);
        }
        return EMPTY.plusAll(new ArrayList<>(distinct));
    }

    public int size() {
        return size;
    }

    public boolean contains(CharSequence id) {
        return offsetOf(id) >= 0;
    }

    /**
     * Where {@code id} begins in the packed bytes, or -1 if it is not here. An id keeps its offset
     * in every set made from this one by adding ids, which is what {@link IdResults} keys results by.
     */
    int offsetOf(CharSequence id) {
        int hash = spread(id instanceof String text ? text.hashCode() : hashOf(id));
        if (smallTable != null) {
            int mask = smallTable.length - 1;
            for (int slot = hash & mask; smallTable[slot] != 0; slot = (slot + 1) & mask) {
                if (matches(smallTable[slot] - 1, id)) {
                    return smallTable[slot] - 1;
                }
            }
            return -1;
        }
        int mask = largeTable.length - 1;
        for (int slot = hash & mask; largeTable[slot] != 0; slot = (slot + 1) & mask) {
            if (matches(largeTable[slot] - 1, id)) {
                return largeTable[slot] - 1;
            }
        }
        return -1;
    }

    /** The id that begins at {@code offset}, one {@link #offsetOf} gave. */
    String idAt(int offset) {
        int length = lengthAt(offset);
        return new String(bytes, offset + varintSize(length), length, StandardCharsets.UTF_8);
    }

    /** This set with {@code id} added at the end; this set itself if it holds it already. */
    public PackedIds plus(String id) {
        if (contains(id)) {
            return this;
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        int total = bytes.length + varintSize(utf8.length) + utf8.length;
        int slots = smallTable != null ? smallTable.length : largeTable.length;
        if ((size + 1) * 2 > slots || (smallTable != null && total >= Character.MAX_VALUE)) {
            return plusAll(List.of(id)); // a larger table, or wider offsets: lay it all out again
        }
        // The same bytes and table plusAll would make, without decoding and re-encoding every id: a
        // checkpoint adds one id to a day of hundreds.
        byte[] packed = Arrays.copyOf(bytes, total);
        int offset = bytes.length;
        System.arraycopy(utf8, 0, packed, writeVarint(packed, offset, utf8.length), utf8.length);
        int mask = slots - 1;
        int slot = spread(id.hashCode()) & mask;
        if (smallTable != null) {
            char[] table = smallTable.clone();
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = (char) (offset + 1);
            return new PackedIds(packed, size + 1, table, null);
        }
        int[] table = largeTable.clone();
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = offset + 1;
        return new PackedIds(packed, size + 1, null, table);
    }

    /** The ids, in the order they were added. */
    public List<String> toList() {
        List<String> ids = new ArrayList<>(size);
        for (int offset = 0; offset < bytes.length; ) {
            int length = lengthAt(offset);
            int start = offset + varintSize(length);
            ids.add(new String(bytes, start, length, StandardCharsets.UTF_8));
            offset = start + length;
        }
        return ids;
    }

    /** Appends ids known to be absent and distinct. */
    private PackedIds plusAll(List<String> fresh) {
        if (fresh.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(toList());
        all.addAll(fresh);
        byte[][] encoded = new byte[all.size()][];
        int total = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = all.get(i).getBytes(StandardCharsets.UTF_8);
            total += varintSize(encoded[i].length) + encoded[i].length;
        }
        byte[] packed = new byte[total];
        int slots = Integer.highestOneBit(all.size() * 2 - 1) << 1;
        boolean small = total < Character.MAX_VALUE;
        char[] nextSmall = small ? new char[slots] : null;
        int[] nextLarge = small ? null : new int[slots];
        int mask = slots - 1;
        int offset = 0;
        for (int i = 0; i < encoded.length; i++) {
            int slot = spread(all.get(i).hashCode()) & mask;
            if (small) {
                while (nextSmall[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                nextSmall[slot] = (char) (offset + 1);
            } else {
                while (nextLarge[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                nextLarge[slot] = offset + 1;
            }
            offset = writeVarint(packed, offset, encoded[i].length);
            System.arraycopy(encoded[i], 0, packed, offset, encoded[i].length);
            offset += encoded[i].length;
        }
        return new PackedIds(packed, all.size(), nextSmall, nextLarge);
    }

    /** String.hashCode's value for any char sequence, so a builder finds what a String was stored as. */
    private static int hashOf(CharSequence chars) {
        int hash = 0;
        for (int i = 0; i < chars.length(); i++) {
            hash = 31 * hash + chars.charAt(i);
        }
        return hash;
    }

    private boolean matches(int offset, CharSequence id) {
        int length = lengthAt(offset);
        int start = offset + varintSize(length);
        if (length == id.length()) {
            // As many bytes as chars: only an all-ASCII id can match.
            for (int k = 0; k < length; k++) {
                char c = id.charAt(k);
                if (c >= 0x80 || bytes[start + k] != (byte) c) {
                    return false;
                }
            }
            return true;
        }
        if (length < id.length()) {
            return false;
        }
        byte[] utf8 = id.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(bytes, start, start + length, utf8, 0, utf8.length);
    }

    private int lengthAt(int offset) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[offset++];
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static int writeVarint(byte[] into, int offset, int value) {
        while (value >= 0x80) {
            into[offset++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        into[offset++] = (byte) value;
        return offset;
    }

    private static int varintSize(int value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
