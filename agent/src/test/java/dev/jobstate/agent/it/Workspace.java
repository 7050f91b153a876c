package dev.jobstate.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;

/** A test's own working folder for its child JVMs, fresh for every test and JDK. */
final class Workspace {

    final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /** {@code <work>/<TestClass>/<method>-jdk<N>[-<suffix>]}, emptied first. */
    static Workspace fresh(TestInfo test, Jdk jdk, String... suffix) {
        String name = test.getTestMethod().map(m -> m.getName()).orElse("test") + "-jdk" + jdk.feature()
                + (suffix.length == 0 ? "" : "-" + String.join("-", suffix));
        Path dir = ItEnv.workRoot().resolve(test.getTestClass().map(Class::getSimpleName).orElse("IT")).resolve(name);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Workspace(dir);
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The default state folder, {@code sessions/job-state}. */
    Path stateDir() {
        return dir.resolve("sessions/job-state");
    }

    /** Where the default config puts {@code <account>/<type>-<today>.json}, today in {@link Zones#NOON}. */
    Path stateFile(String account, String type) {
        return stateFile(account, type, Zones.today());
    }

    Path stateFile(String account, String type, LocalDate date) {
        return stateDir().resolve(account).resolve(type + "-" + date + ".json");
    }

    StateFile state(String account, String type) {
        return StateFile.read(stateFile(account, type));
    }

    /** Every file and folder under the working folder, as paths relative to it, symbolic links included. */
    List<Path> tree() {
        List<Path> all = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attrs) {
                    if (!folder.equals(dir)) {
                        all.add(dir.relativize(folder));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    all.add(dir.relativize(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Regular files under {@code folder} whose name ends with {@code suffix}. */
    static List<Path> filesEndingWith(Path folder, String suffix) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Temp files a writer left: the store names them {@code .<file>.<random>.tmp}. */
    List<Path> tempFiles() {
        return filesEndingWith(dir, ".tmp");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
