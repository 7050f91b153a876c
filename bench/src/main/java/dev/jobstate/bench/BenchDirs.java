package dev.jobstate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their state files: on the real disk, never tmpfs, since fsync is what is
 * measured. {@code -Djobstate.bench.dir=<dir>} chooses; else {@code bench/target/bench-state} when
 * run from the repository root (as bench/run.sh does), else {@code /var/tmp/jobstate-bench}.
 */
final class BenchDirs {

    private BenchDirs() {
    }

    static Path newDir(String prefix) throws IOException {
        Path base;
        String chosen = System.getProperty("jobstate.bench.dir");
        if (chosen != null && !chosen.isBlank()) {
            base = Path.of(chosen);
        } else if (Files.isDirectory(Path.of("bench", "target"))) {
            base = Path.of("bench", "target", "bench-state");
        } else {
            base = Path.of("/var/tmp", "jobstate-bench");
        }
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), prefix);
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
