package dev.jobstate.core.store.file;

import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A real file channel whose reads, writes and forces are offered to the {@link FaultFileSystem}'s
 * rules first, and whose writes draw on its free space. Locks are the real channel's, so they
 * exclude other channels and processes exactly as real ones do.
 */
final class FaultFileChannel extends FileChannel {

    private final FaultFileSystem fs;
    private final Path file;
    private final FileChannel real;

    FaultFileChannel(FaultFileSystem fs, Path file, FileChannel real) {
        this.fs = fs;
        this.file = file;
        this.real = real;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        fs.enter(Op.READ, file);
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        fs.enter(Op.READ, file);
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        fs.enter(Op.READ, file);
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        fs.enter(Op.WRITE, file);
        return writeWhatFits(src, -1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        fs.enter(Op.WRITE, file);
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!srcs[i].hasRemaining()) {
                continue;
            }
            int n = writeWhatFits(srcs[i], -1);
            written += n;
            if (srcs[i].hasRemaining()) {
                break;
            }
        }
        return written;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        fs.enter(Op.WRITE, file);
        return writeWhatFits(src, position);
    }

    /** Writes as much of {@code src} as the disk has room for, like a short {@code write(2)}. */
    private int writeWhatFits(ByteBuffer src, long position) throws IOException {
        int granted = (int) fs.reserve(file, src.remaining());
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + granted);
        int written = position < 0 ? real.write(part) : real.write(part, position);
        src.position(src.position() + written);
        return written;
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        fs.enter(Op.FORCE, file);
        real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        fs.enter(Op.READ, file);
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        fs.enter(Op.WRITE, file);
        return real.transferFrom(src, position, fs.reserve(file, count));
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("mapping would bypass the fault file system");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
