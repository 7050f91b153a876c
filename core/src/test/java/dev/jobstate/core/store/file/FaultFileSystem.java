package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A file system that is the default one underneath, but lets a test make chosen operations fail the
 * way a sick disk makes them fail, block them on a latch, and count them.
 *
 * <p>Hand {@link #root()} (or {@link #wrap}) to the code under test; set files up and inspect them
 * through real paths ({@link #unwrap}). Every operation the code under test does is recorded as a
 * {@link Call} with real paths, then offered to the installed {@link Rule}s in order; a rule may throw
 * (the operation then fails without touching the disk), block, or do nothing.
 */
final class FaultFileSystem extends FileSystem {

    /** The operations that can be watched and failed. */
    enum Op {
        /** {@code createDirectory}, also each level of {@code createDirectories}. */
        CREATE_DIRECTORY,
        /** Opening a regular file for reading. */
        OPEN_READ,
        /** Opening a file with WRITE or APPEND (creating it or not). */
        OPEN_WRITE,
        /** Opening a directory, which the store does only to fsync it. */
        OPEN_FOLDER,
        READ,
        WRITE,
        /** {@code FileChannel.force}, on a file or on a directory. */
        FORCE,
        /** A move with {@code ATOMIC_MOVE}; the call's path is the source, its target the target. */
        MOVE,
        /** A move without {@code ATOMIC_MOVE}: the non-atomic fallback the store must never use. */
        NON_ATOMIC_MOVE,
        COPY,
        DELETE,
        /** Reading attributes or checking access. */
        STAT,
        LIST
    }

    /** One operation as the code under test asked for it, with real paths. */
    record Call(Op op, Path path, Path target) {

        boolean named(String fileName) {
            return path.getFileName() != null && path.getFileName().toString().equals(fileName);
        }

        boolean isTemp() {
            return path.getFileName() != null && path.getFileName().toString().endsWith(".tmp");
        }
    }

    /** What happens to a matching call before it reaches the disk. */
    @FunctionalInterface
    interface Rule {
        void apply(Call call) throws IOException;
    }

    /** An installed rule; {@link #remove()} clears the fault. */
    final class Fault {
        private final Op op;
        private final Predicate<Call> when;
        private final Rule rule;

        private Fault(Op op, Predicate<Call> when, Rule rule) {
            this.op = op;
            this.when = when;
            this.rule = rule;
        }

        void remove() {
            rules.remove(this);
        }
    }

    private final FaultFileSystemProvider provider;
    private final FileSystem real;
    private final List<Fault> rules = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong spaceLeft = new AtomicLong(Long.MAX_VALUE);

    private FaultFileSystem(FileSystem real) {
        this.real = real;
        this.provider = new FaultFileSystemProvider(this, real.provider());
    }

    /** A fault file system over the default one. */
    static FaultFileSystem overDefault() {
        return new FaultFileSystem(FileSystems.getDefault());
    }

    // ---- paths ----

    Path wrap(Path realPath) {
        if (realPath instanceof FaultPath) {
            throw new IllegalArgumentException("already wrapped: " + realPath);
        }
        return new FaultPath(this, realPath);
    }

    Path unwrap(Path path) {
        if (path instanceof FaultPath faultPath && faultPath.getFileSystem() == this) {
            return faultPath.real();
        }
        throw new IllegalArgumentException("not a path of this fault file system: " + path);
    }

    // ---- faults ----

    /** Runs {@code rule} before every {@code op} whose call matches {@code when}. */
    Fault on(Op op, Predicate<Call> when, Rule rule) {
        Fault fault = new Fault(op, when, rule);
        rules.add(fault);
        return fault;
    }

    /** Makes every {@code op} matching {@code when} fail with what {@code error} makes of the call. */
    Fault fail(Op op, Predicate<Call> when, Function<Call, IOException> error) {
        return on(op, when, call -> {
            throw error.apply(call);
        });
    }

    Fault fail(Op op, Function<Call, IOException> error) {
        return fail(op, call -> true, error);
    }

    /**
     * The disk fills up after {@code bytes} more bytes: a write that does not fit writes what fits,
     * and the next one fails with ENOSPC, as {@code write(2)} does.
     */
    void diskFullAfter(long bytes) {
        spaceLeft.set(bytes);
    }

    /** Clears every fault and frees the disk. */
    void heal() {
        rules.clear();
        spaceLeft.set(Long.MAX_VALUE);
    }

    // ---- the errors a Linux disk gives, as the JDK reports them ----

    static IOException noSpace(Call call) {
        return new IOException("No space left on device");
    }

    static IOException ioError(Call call) {
        return new IOException("Input/output error");
    }

    static IOException accessDenied(Call call) {
        return new AccessDeniedException(call.path().toString());
    }

    static IOException readOnly(Call call) {
        return new FileSystemException(call.path().toString(),
                call.target() == null ? null : call.target().toString(), "Read-only file system");
    }

    static IOException crossDevice(Call call) {
        return new AtomicMoveNotSupportedException(call.path().toString(), String.valueOf(call.target()),
                "Invalid cross-device link");
    }

    // ---- counting ----

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    long count(Op op) {
        return count(op, call -> true);
    }

    long count(Op op, Predicate<Call> which) {
        return calls.stream().filter(call -> call.op() == op && which.test(call)).count();
    }

    void forgetCalls() {
        calls.clear();
    }

    // ---- used by the provider and channels ----

    void enter(Op op, Path realPath) throws IOException {
        enter(new Call(op, realPath, null));
    }

    void enter(Call call) throws IOException {
        calls.add(call);
        for (Fault fault : rules) {
            if (fault.op == call.op() && fault.when.test(call)) {
                fault.rule.apply(call);
            }
        }
    }

    /** How many of {@code wanted} bytes the disk takes now; throws ENOSPC when it takes none. */
    long reserve(Path realPath, long wanted) throws IOException {
        while (true) {
            long left = spaceLeft.get();
            if (left == Long.MAX_VALUE) {
                return wanted;
            }
            if (left <= 0 && wanted > 0) {
                throw noSpace(new Call(Op.WRITE, realPath, null));
            }
            long granted = Math.min(left, wanted);
            if (spaceLeft.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    // ---- FileSystem ----

    /** The wrapped path of {@code realPath}'s absolute form. */
    Path root(Path realPath) {
        return wrap(realPath.toAbsolutePath());
    }

    @Override
    public FaultFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the fault file system stays open");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        real.getRootDirectories().forEach(root -> roots.add(wrap(root)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(path instanceof FaultPath faultPath ? faultPath.real() : path);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("the fault file system has no watch service");
    }
}
