package dev.jobstate.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of a first {@code status} no code of ours can make cheaper: the file system's share. It
 * stats and lists every account folder of a farm, and stats and reads whole every day file of
 * today and the day before, as a first status must (it keeps each file's stamp for the next run),
 * on the same threads status uses (a parallel stream), and does nothing else: no parsing, no rows,
 * no cache, no table. bench/cli-scale.sh times it beside the jars, so a first status's time can be
 * read against what the machine's disk and kernel take for the same files in the same run.
 *
 * <pre>java -Xmx256m -cp bench/target/classes dev.jobstate.bench.StatusFloor &lt;farm&gt; [date]</pre>
 */
public final class StatusFloor {

    private StatusFloor() {
    }

    public static void main(String[] args) throws IOException {
        Path farm = Path.of(args[0]);
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now();
        String[] suffixes = {"-" + today + ".json", "-" + today.minusDays(1) + ".json"};
        String[] names = farm.toFile().list();
        if (names == null) {
            throw new IOException("cannot list " + farm);
        }
        List<Path> folders = Arrays.stream(names).filter(name -> !name.startsWith(".")).map(farm::resolve).toList();
        AtomicLong files = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        folders.parallelStream().forEach(folder -> {
            try {
                bytes.addAndGet(readFolder(folder, suffixes, files));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.printf("%,d folders, %,d files of %s and the day before, %,d bytes, %.0f ms%n", folders.size(),
                files.get(), today, bytes.get(), (System.nanoTime() - start) / 1e6);
    }

    /** The bytes of {@code folder}'s day files of the dates in {@code suffixes}, each stat-ed first. */
    private static long readFolder(Path folder, String[] suffixes, AtomicLong files) throws IOException {
        if (!Files.readAttributes(folder, BasicFileAttributes.class).isDirectory()) {
            return 0;
        }
        String[] names = new File(folder.toString()).list();
        long read = 0;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (String name : names == null ? new String[0] : names) {
            if (!name.endsWith(suffixes[0]) && !name.endsWith(suffixes[1])) {
                continue;
            }
            Path file = folder.resolve(name);
            Files.readAttributes(file, BasicFileAttributes.class);
            try (FileChannel channel = FileChannel.open(file)) {
                buffer.clear();
                for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                    read += n;
                    if (!buffer.hasRemaining()) {
                        buffer.clear();
                    }
                }
            }
            files.incrementAndGet();
        }
        return read;
    }
}
