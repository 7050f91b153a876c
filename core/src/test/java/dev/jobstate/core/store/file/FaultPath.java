package dev.jobstate.core.store.file;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A path of a {@link FaultFileSystem}: a real path of the default file system, dressed so that every
 * {@code Files.*} call on it goes through the fault-injecting provider.
 */
final class FaultPath implements Path {

    private final FaultFileSystem fs;
    private final Path real;

    FaultPath(FaultFileSystem fs, Path real) {
        this.fs = Objects.requireNonNull(fs);
        this.real = Objects.requireNonNull(real);
    }

    Path real() {
        return real;
    }

    private Path wrap(Path path) {
        return path == null ? null : new FaultPath(fs, path);
    }

    private Path mine(Path other) {
        if (other instanceof FaultPath path && path.fs == fs) {
            return path.real;
        }
        throw new ProviderMismatchException("not a path of this fault file system: " + other);
    }

    @Override
    public FaultFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(real.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(real.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(real.getParent());
    }

    @Override
    public int getNameCount() {
        return real.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(real.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof FaultPath path && path.fs == fs && real.startsWith(path.real);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof FaultPath path && path.fs == fs && real.endsWith(path.real);
    }

    @Override
    public Path normalize() {
        return wrap(real.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(real.resolve(mine(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(real.relativize(mine(other)));
    }

    @Override
    public URI toUri() {
        return real.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(real.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("the fault file system has no watch service");
    }

    @Override
    public int compareTo(Path other) {
        return real.compareTo(mine(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaultPath path && path.fs == fs && path.real.equals(real);
    }

    @Override
    public int hashCode() {
        return real.hashCode();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
