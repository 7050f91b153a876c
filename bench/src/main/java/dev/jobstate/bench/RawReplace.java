package dev.jobstate.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The floor a durable checkpoint is measured against: the least a crash-safe replace of a file can
 * do on this disk. Temp file, write, fsync, atomic rename, fsync of the folder; no lock, no JSON,
 * no bookkeeping. Written here on purpose, not borrowed from the store, so the floor owes nothing to
 * the code it judges.
 */
final class RawReplace {

    private RawReplace() {
    }

    static void replace(Path target, Path temp, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
