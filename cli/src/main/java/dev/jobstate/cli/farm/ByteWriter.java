package dev.jobstate.cli.farm;

import java.util.Arrays;

/**
 * Bytes as a {@code DataOutputStream} writes them (big-endian), into one growing array:
 * what {@link StatusCache} keeps of each of a first status's 60,000 day files. A data stream over
 * a byte array stream took a lock per byte of each int, and its layers were a large C2 compilation
 * in a run that ends before it pays.
 */
final class ByteWriter {

    private byte[] bytes;
    private int size;

    ByteWriter(int capacity) {
        this.bytes = new byte[capacity];
    }

    void writeInt(int value) {
        room(4);
        bytes[size] = (byte) (value >>> 24);
        bytes[size + 1] = (byte) (value >>> 16);
        bytes[size + 2] = (byte) (value >>> 8);
        bytes[size + 3] = (byte) value;
        size += 4;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    void write(byte[] data) {
        room(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    int size() {
        return size;
    }

    /** Copies what was written to {@code to} at {@code at}. */
    void copyTo(byte[] to, int at) {
        System.arraycopy(bytes, 0, to, at, size);
    }

    private void room(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
