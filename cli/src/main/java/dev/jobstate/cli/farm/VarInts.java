package dev.jobstate.cli.farm;

import java.util.Arrays;

/**
 * Numbers in as few bytes as they need (LEB128, seven bits a byte; signed ones zigzagged first), for
 * the report's tallies: most counts, sizes and durations in milliseconds fit one to three bytes,
 * where fixed-width longs made the tallies of a 900,000-file farm 160 MB to read on every report.
 * Its {@link Writer} also writes fixed-width numbers, big-endian as a {@code DataOutputStream} does:
 * what {@code status} keeps of each day file ({@link DaySummary}) is read back with a
 * {@code ByteBuffer}.
 */
final class VarInts {

    private VarInts() {
    }

    /** Writes numbers into a growing array: a stream's locked write per byte cost the first report a second. */
    static final class Writer {
        private byte[] bytes;
        private int size;

        Writer(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        /** {@code value}, which may be negative (it then takes as many bytes as its magnitude). */
        void signed(long value) {
            unsigned((value << 1) ^ (value >> 63));
        }

        /** {@code value} read as unsigned: a negative one takes ten bytes. */
        void unsigned(long value) {
            room(10);
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes[size++] = (byte) rest;
        }

        void fixedInt(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void fixedLong(long value) {
            fixedInt((int) (value >>> 32));
            fixedInt((int) value);
        }

        void bytes(byte[] more) {
            room(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        int size() {
            return size;
        }

        /** Copies what was written to {@code to} at {@code at}. */
        void copyTo(byte[] to, int at) {
            System.arraycopy(bytes, 0, to, at, size);
        }

        /** What was written, as an array of its own. */
        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        /** Adds {@code other}'s bytes after these. */
        void append(Writer other) {
            room(other.size);
            System.arraycopy(other.bytes, 0, bytes, size, other.size);
            size += other.size;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }

    /** Reads what {@link VarInts} wrote, and fixed-width numbers, from a byte array. */
    static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int at;

        /** Reads {@code bytes} from {@code from} up to {@code end}: past it, it throws. */
        Reader(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.at = from;
            this.end = end;
        }

        long unsigned() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        long signed() {
            long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        /** A signed number that must fit an int. */
        int signedInt() {
            long value = signed();
            if (value != (int) value) {
                throw new IllegalArgumentException("not an int");
            }
            return (int) value;
        }

        /** A count or length, which cannot be more than the bytes left: a torn file fails here, not in an allocation. */
        int count() {
            long count = unsigned();
            if (count > end - at) {
                throw new IllegalArgumentException("bad count");
            }
            return (int) count;
        }

        /** An index into a table of {@code size}. */
        int index(int size) {
            long index = unsigned();
            if (index >= size) {
                throw new IllegalArgumentException("bad index");
            }
            return (int) index;
        }

        int fixedInt() {
            return (next() & 0xFF) << 24 | (next() & 0xFF) << 16 | (next() & 0xFF) << 8 | next() & 0xFF;
        }

        long fixedLong() {
            return (long) fixedInt() << 32 | fixedInt() & 0xFFFF_FFFFL;
        }

        /** Skips {@code length} bytes (checked by {@link #count} first), returning where they start. */
        int skip(int length) {
            int start = at;
            at += length;
            return start;
        }

        boolean atEnd() {
            return at == end;
        }

        private byte next() {
            if (at >= end) {
                throw new IllegalArgumentException("past the end");
            }
            return bytes[at++];
        }
    }
}
