package dev.jobstate.core.store.file;

import dev.jobstate.core.store.file.FaultFileSystem.Call;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The provider of a {@link FaultFileSystem}: every operation is offered to its rules, then done for real. */
final class FaultFileSystemProvider extends FileSystemProvider {

    private final FaultFileSystem fs;
    private final FileSystemProvider real;

    FaultFileSystemProvider(FaultFileSystem fs, FileSystemProvider real) {
        this.fs = fs;
        this.real = real;
    }

    private Path real(Path path) {
        return fs.unwrap(path);
    }

    @Override
    public String getScheme() {
        return "faultfs";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("make one with FaultFileSystem.overDefault()");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("fault file systems are not found by URI");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("fault file systems are not found by URI");
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path file = real(path);
        Op op;
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            op = Op.OPEN_WRITE;
        } else if (Files.isDirectory(file)) {
            op = Op.OPEN_FOLDER;
        } else {
            op = Op.OPEN_READ;
        }
        fs.enter(op, file);
        return new FaultFileChannel(fs, file, real.newFileChannel(file, options, attrs));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Path folder = real(dir);
        fs.enter(Op.LIST, folder);
        DirectoryStream<Path> entries = real.newDirectoryStream(folder, entry -> filter.accept(fs.wrap(entry)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fs.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path folder = real(dir);
        fs.enter(Op.CREATE_DIRECTORY, folder);
        real.createDirectory(folder, attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        Path file = real(path);
        fs.enter(Op.DELETE, file);
        real.delete(file);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        fs.enter(new Call(Op.COPY, real(source), real(target)));
        real.copy(real(source), real(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        boolean atomic = Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE);
        fs.enter(new Call(atomic ? Op.MOVE : Op.NON_ATOMIC_MOVE, real(source), real(target)));
        real.move(real(source), real(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return real.isSameFile(real(path), real(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return real.isHidden(real(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return real.getFileStore(real(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Path file = real(path);
        fs.enter(Op.STAT, file);
        real.checkAccess(file, modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return real.getFileAttributeView(real(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        Path file = real(path);
        fs.enter(Op.STAT, file);
        return real.readAttributes(file, type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        Path file = real(path);
        fs.enter(Op.STAT, file);
        return real.readAttributes(file, attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        real.setAttribute(real(path), attribute, value, options);
    }
}
