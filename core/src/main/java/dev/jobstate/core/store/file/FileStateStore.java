package dev.jobstate.core.store.file;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.StateStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Days kept as JSON files, {@code <root>/<account>/<type>-<yyyy-MM-dd>.json}, one folder per
 * account (named by {@link FolderNames}, so no account string reaches outside {@code root}).
 *
 * <p>A day is loaded on first use and then served from memory; only today's days are kept there.
 * Writes are atomic and durable, committed in groups per file, and coordinated with other processes
 * by a lock file per account folder.
 */
public final class FileStateStore implements StateStore {

    /** Larger files are treated as damaged: reading one must not exhaust the host's memory. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final Path root;
    private final Clock clock;
    private final boolean groupCommit;
    private final StateCodec codec = new StateCodec();
    private final PersistenceHealth health;
    private final Map<DayKey, DayFile> days = new ConcurrentHashMap<>();
    private final RunJournal journal;
    private volatile boolean prepared;
    private boolean sweepOnFirstUse;
    private final Function<DayKey, Path> locate = this::fileOf;
    private long diskCheckMillis = DayFile.DISK_CHECK_MILLIS;

    /**
     * Loads and initialises what the first write of a day file needs (the encoder and its writer), in
     * memory, touching no file. For the thread that would otherwise only wait while jobstate starts:
     * the bot's first checkpoint then finds it done.
     */
    public static void prepareFirstWrite() {
        StateCodec codec = new StateCodec();
        DayKey key = new DayKey("first-write", "first-write", LocalDate.EPOCH);
        try {
            codec.encode(DayState.empty(key));
        } catch (RuntimeException e) {
            // only a head start: the first real write says what is wrong, if anything is
        }
    }

    public FileStateStore(Path root, Clock clock, PersistenceHealth health) {
        this(root, clock, health, true);
    }

    /**
     * @param groupCommit false writes every checkpoint on its own, for measuring what grouping buys
     */
    public FileStateStore(Path root, Clock clock, PersistenceHealth health, boolean groupCommit) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.health = health;
        this.groupCommit = groupCommit;
        this.journal = new RunJournal(this.root);
    }

    /** Creates the state folder now, so a folder that cannot be made is reported before any write. */
    public FileStateStore probe() {
        try {
            DurableFiles.createPrivateDirectories(root);
            health.succeeded();
        } catch (IOException e) {
            health.failed("create the state folder " + root, e);
        }
        return this;
    }

    /**
     * Deletes the temp files that writers killed mid-write left in any account folder, each folder
     * under its lock so a live writer's temp file is never touched. Meant for start-up: without it
     * a leftover would wait until that account is next written. Cheap when there is nothing to do:
     * one listing per account folder.
     *
     * @return the number of account folders cleaned
     */
    public int sweepLeftovers() {
        int cleaned = 0;
        try (DirectoryStream<Path> accounts = Files.newDirectoryStream(root,
                path -> Files.isDirectory(path) && !path.getFileName().toString().startsWith("."))) {
            for (Path folder : accounts) {
                if (DurableFiles.hasTemps(folder)) {
                    FolderLock.of(folder).sweepTemps();
                    cleaned++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Only tidying: the next write to each folder sweeps it anyway.
            Log.debug("could not sweep leftover temp files in " + root + ": " + Log.describe(e));
        }
        return cleaned;
    }

    /**
     * How stale a read may be before it looks at the file's stamp again (default 500 ms); for tests
     * that need reads to stay in memory, or to see another writer at once.
     */
    FileStateStore diskCheckEvery(Duration interval) {
        diskCheckMillis = interval.toMillis();
        return this;
    }

    /**
     * Makes the first use of this store also {@link #sweepLeftovers() sweep} every account folder:
     * what the agent wants at the start of a run, and a tool touching one account does not.
     */
    public FileStateStore sweepingLeftoversOnFirstUse() {
        sweepOnFirstUse = true;
        return this;
    }

    public Path root() {
        return root;
    }

    /** Where the file for {@code key} lives (or would). */
    public Path fileOf(DayKey key) {
        Path file = folderOf(key.account())
                .resolve(FolderNames.encode(key.type()) + "-" + key.date() + ".json");
        if (!file.normalize().startsWith(root) || !file.getParent().getParent().equals(root)) {
            throw new IllegalStateException("state file " + file + " would be outside " + root);
        }
        return file;
    }

    /** {@link #read(DayKey, long)} at this store's clock's time. */
    public Completions read(DayKey key) {
        return read(key, clock.millis());
    }

    @Override
    public Completions read(DayKey key, long nowMillis) {
        DayFile day = day(key);
        try {
            return day.view(nowMillis);
        } catch (IOException e) {
            return unreadable(day, e);
        }
    }

    /** One writer per day here: claiming is looking at the file for what other processes wrote. */
    @Override
    public Claim claim(DayKey key, String id) {
        Completions day = reread(key);
        return day.isCompleted(id) ? new Claim.Done(day) : Claim.Granted.UNLEASED;
    }

    /** A once activity that started in an earlier run (or another process) and never ended is in doubt. */
    @Override
    public Claim claimOnce(DayKey key, String id) {
        Completions day = reread(key);
        if (day.isCompleted(id)) {
            return new Claim.Done(day);
        }
        Instant started = day.startedAt(id);
        return started != null ? new Claim.InDoubt(started) : Claim.Granted.UNLEASED;
    }

    /** The day, first picking up what another process may have written since it was loaded. */
    public Completions reread(DayKey key) {
        DayFile day = day(key);
        try {
            return day.refresh(true);
        } catch (IOException e) {
            return unreadable(day, e);
        }
    }

    /** A day that cannot be read: said once, and what memory knows of it (nothing, at first) stands. */
    private Completions unreadable(DayFile day, IOException e) {
        health.failed("read " + day.path(), e);
        return day.known();
    }

    @Override
    public void checkpoint(DayKey key, Mutation change, Lease lease) throws IOException {
        DayFile day = day(key);
        try {
            day.checkpoint(change);
            health.succeeded();
        } catch (IOException e) {
            // DayFile hands each caller of a group its own exception around the one the write got;
            // report that one, whose class is often the only thing saying what went wrong
            // (AccessDeniedException's message is just a path).
            health.failed("save " + day.path(), e.getCause() instanceof IOException cause ? cause : e);
            throw e;
        }
    }

    @Override
    public void runStarted(DayKey key, String id) {
        journal.started(key, id, clock.instant());
    }

    @Override
    public void runEnded(DayKey key, String id) {
        journal.ended(key, id, clock.instant());
    }

    /**
     * The run using this store is over, for a harness that plays many runs in one JVM: cleanly (its
     * journal goes, as at a normal exit), or {@code killed} (its journal stays, as a dead process's).
     */
    public void runOver(boolean killed) {
        if (killed) {
            journal.abandon();
        } else {
            journal.close();
        }
    }

    @Override
    public void retainOnly(Set<LocalDate> dates) {
        days.keySet().removeIf(key -> !dates.contains(key.date()));
    }

    private DayFile day(DayKey key) {
        if (!prepared) {
            prepareOnce();
        }
        DayFile known = days.get(key); // first: computeIfAbsent's lambda would be made on every skip
        return known != null ? known : days.computeIfAbsent(key, k -> new DayFile(k, locate,
                folderLock(k.account()), codec, clock, groupCommit, diskCheckMillis));
    }

    /**
     * The first use of the store, not its construction, creates the folder (and if asked, clears
     * leftovers): a host that never runs an activity never touches the disk.
     */
    private synchronized void prepareOnce() {
        if (prepared) {
            return;
        }
        probe();
        int swept = sweepOnFirstUse ? sweepLeftovers() : 0;
        if (swept > 0) {
            Log.debug("removed temp files left by interrupted writes in " + swept + " account folder(s)");
        }
        prepared = true;
    }

    @Override
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        return new Releases(root).failures(account, date);
    }

    private Path folderOf(String account) {
        return root.resolve(FolderNames.encode(account));
    }

    private FolderLock folderLock(String account) {
        return FolderLock.of(folderOf(account));
    }
}
