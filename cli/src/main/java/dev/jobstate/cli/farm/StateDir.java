package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.Releases;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A state folder as operator tools see it: account folders, each holding day files. Scans go folder
 * by folder and hand each folder's files to the caller, so memory follows one folder, not the farm;
 * folders are visited in parallel, results come back in account-folder order. As a {@link Farm},
 * it prunes, resets and verifies files, and marks through the agent's own file store.
 */
public final class StateDir implements Farm {

    /** Under the state folder, not an account: account folders never start with a dot. */
    public static final String BACKUP_FOLDER = ".backup";

    private final Path root;
    private final Clock clock;
    private final StateFiles files = new StateFiles();
    private final DayFileReader counting = new DayFileReader(files);

    public StateDir(Path root) {
        this(root, Clock.systemUTC());
    }

    /** @param clock stamps what the operator's changes record: marks, resets, files set aside */
    public StateDir(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    public StateFiles files() {
        return files;
    }

    /** Reads days for the commands that count and show no results: status, report. */
    DayFileReader countingReader() {
        return counting;
    }

    /**
     * What the last status kept of the day files ({@link StatusCache}), read now: a new one for each
     * scan, so one made for an earlier scan never decides what a later one trusts.
     */
    StatusCache statusCache() {
        return new StatusCache(root, counting, Instant.now());
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** Account folders in name order, just the one of {@code scope.account()} if it names one. */
    public List<Path> accountFolders(Scope scope) throws IOException {
        return accountFolders(scope, true);
    }

    /**
     * @param checked whether each entry is asked whether it is a folder; if not, every entry whose
     *     name does not start with a dot is returned, for a caller that stats each one anyway
     */
    private List<Path> accountFolders(Scope scope, boolean checked) throws IOException {
        String only = scope.accountFolder();
        if (only != null) {
            Path folder = root.resolve(only);
            return Files.isDirectory(folder) ? List.of(folder) : List.of();
        }
        // Names sorted as strings, then made paths: sorting 10,000 paths by their file names cost
        // a repeat report more than listing them.
        String[] names = root.toFile().list();
        if (names == null) {
            return listFolders(); // says why it could not list, as it always has
        }
        Arrays.sort(names);
        List<Path> folders = new ArrayList<>(names.length);
        for (String name : names) {
            if (!name.startsWith(".")) {
                Path folder = root.resolve(name);
                if (!checked || Files.isDirectory(folder)) {
                    folders.add(folder);
                }
            }
        }
        return folders;
    }

    private List<Path> listFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root,
                p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p))) {
            all.forEach(folders::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        folders.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return folders;
    }

    /** The day files of one account folder within {@code scope}, by type then date. */
    public List<DayFileRef> dayFiles(Path accountFolder, Scope scope) throws IOException {
        return byTypeThenDate(DayFileNames.list(accountFolder, scope));
    }

    /** Sorts {@code found} as scans hand day files over, and returns it. */
    static List<DayFileRef> byTypeThenDate(List<DayFileRef> found) {
        found.sort(BY_TYPE_THEN_DATE);
        return found;
    }

    /**
     * Type, then date; written out, and the types of one folder (one string each) compared by
     * identity first: a report sorts 900,000 of them, and the composed comparator was 6% of its samples.
     */
    static final Comparator<DayFileRef> BY_TYPE_THEN_DATE = (a, b) -> {
        int type = a.type() == b.type() ? 0 : a.type().compareTo(b.type());
        return type != 0 ? type : a.date().compareTo(b.date());
    };

    /**
     * Maps every account folder in {@code scope} to a result, in parallel, and returns them in
     * folder order. {@code perFolder} gets the folder's day files and should return something small.
     */
    public <T> List<T> mapFolders(Scope scope, Progress progress, FolderWork<T> perFolder) throws IOException {
        return mapFolders(scope, progress, folder -> dayFiles(folder, scope), perFolder);
    }

    /** {@link #mapFolders(Scope, Progress, FolderWork)}, each folder's day files found by {@code lister}. */
    <T> List<T> mapFolders(Scope scope, Progress progress, FolderLister lister,
                           FolderWork<T> perFolder) throws IOException {
        return eachFolder(scope, progress, folder -> perFolder.apply(folder, lister.dayFiles(folder)));
    }

    /**
     * Applies {@code task} to every account folder in {@code scope}, in parallel, results in folder
     * order, where {@code task} also tells account folders from the state folder's other entries: it
     * is given each entry whose name does not start with a dot, and returns null for one that is not
     * a folder, which then has no result. For a task that stats each folder anyway
     * ({@link StatusCache}), this spares a stat of each of 10,000 folders, made one after the other
     * before the parallel scan.
     */
    <T> List<T> mapEntries(Scope scope, Progress progress, FolderTask<T> task) throws IOException {
        List<T> results = eachFolder(accountFolders(scope, false), progress, task);
        if (!results.contains(null)) {
            return results;
        }
        List<T> folders = new ArrayList<>(results.size());
        for (T result : results) {
            if (result != null) {
                folders.add(result);
            }
        }
        return folders;
    }

    /** Applies {@code task} to every account folder in {@code scope}, in parallel; results in folder order. */
    private <T> List<T> eachFolder(Scope scope, Progress progress, FolderTask<T> task) throws IOException {
        return eachFolder(accountFolders(scope), progress, task);
    }

    private <T> List<T> eachFolder(List<Path> folders, Progress progress, FolderTask<T> task) throws IOException {
        AtomicLong done = new AtomicLong();
        long total = folders.size();
        Function<Path, T> work = folder -> {
            try {
                T result = task.apply(folder);
                progress.update(done.incrementAndGet(), total);
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (Stream<Path> stream = folders.parallelStream()) {
            return stream.map(work).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public Status status(Scope scope, Progress progress) throws IOException {
        return Status.of(this, scope, progress);
    }

    @Override
    public <T> List<T> mapAccounts(Scope scope, Progress progress, AccountWork<T> work) throws IOException {
        return mapFolders(scope, progress, (folder, days) -> {
            List<StoredDay> stored = new ArrayList<>(days.size());
            days.forEach(ref -> stored.add(new FileDay(ref, files)));
            return work.apply(stored);
        });
    }

    /**
     * Tallies kept in {@link TallyCache} when the day file is as it was then, else read (stat first,
     * so a tally is never older than the stamp it is kept with) and kept for the next run; each
     * folder's day files as the cache listed them while the folder is unchanged, else listed.
     */
    @Override
    public <T> List<T> mapTallies(Scope scope, Progress progress, TallyWork<T> work) throws IOException {
        TallyCache cache = new TallyCache(root, Instant.now());
        List<Path> folders = accountFolders(scope);
        List<T> results = eachFolder(folders, progress, folder -> {
            TallyCache.Folder kept = cache.open(folder);
            List<TallyCache.Listed> days = kept.dayFiles(scope, this);
            List<DayTally.Of> tallies = new ArrayList<>(days.size());
            for (TallyCache.Listed day : days) {
                DayFileRef ref = day.ref();
                String name = day.name();
                TallyCache.Stamp stamp = TallyCache.Stamp.of(ref.file());
                DayTally tally = stamp == null ? null : kept.get(name, stamp);
                if (tally == null) {
                    tally = counting.read(ref.file(), ref.key()) instanceof StateFiles.Parsed parsed
                            ? DayTally.of(parsed.day()) : null;
                    if (tally != null && stamp != null) {
                        kept.put(name, stamp, tally);
                    } else {
                        kept.drop(name);
                    }
                }
                tallies.add(new DayTally.Of(ref.key(), tally == null ? ref.file().toString() : null, tally));
            }
            kept.save();
            return work.apply(tallies);
        });
        if (scope.account() == null) {
            Set<String> names = new HashSet<>();
            folders.forEach(folder -> names.add(folder.getFileName().toString()));
            cache.forgetAllBut(names);
        }
        return results;
    }

    @Override
    public TodayIndex todayIndex(AccountDays days, int quarantineFailuresPerDay, Clock clock) {
        return new FileTodayIndex(this, days, quarantineFailuresPerDay, clock, Clock.systemUTC());
    }

    @Override
    public Unit unit() {
        return Unit.FILE;
    }

    @Override
    public String where() {
        return root.toString();
    }

    @Override
    public String lookedIn() {
        return "";
    }

    @Override
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        return new Releases(root).failures(account, date);
    }

    @Override
    public int release(String account, LocalDate date) throws IOException {
        return new Releases(root).release(account, date, Instant.now());
    }

    @Override
    public Marks marks() {
        return new FileMarks(this, clock);
    }

    @Override
    public Pruned prune(LocalDate before, boolean dryRun, Progress progress) throws IOException {
        List<Prune.Removed> removed = new Prune(this).run(before, dryRun, progress);
        if (!dryRun) {
            forgetTallies(removed.stream().map(r -> r.file().file()).toList());
        }
        long bytes = removed.stream().mapToLong(Prune.Removed::bytes).sum();
        return new Pruned(removed.stream().map(r -> relative(r.file().file())).toList(),
                (dryRun ? "would free " : "freed ") + size(bytes));
    }

    @Override
    public ResetPlan planReset(Scope scope) throws IOException {
        Reset reset = new Reset(this);
        List<DayFileRef> plan = reset.plan(scope);
        return new ResetPlan() {
            @Override
            public List<String> items() {
                return plan.stream().map(ref -> relative(ref.file())).toList();
            }

            @Override
            public ResetDone apply(boolean purge, LocalDate today) throws IOException {
                Instant now = clock.instant();
                List<Reset.Done> done = reset.apply(plan, purge, now, today);
                forgetTallies(plan.stream().map(DayFileRef::file).toList());
                return new ResetDone(done.stream()
                        .map(d -> relative(d.movedTo() == null ? d.file().file() : d.movedTo())).toList(),
                        "", reset.backupFolder(now).toString());
            }
        };
    }

    @Override
    public Verify.Result verify(boolean repair, Progress progress) throws IOException {
        return new Verify(this, clock).run(repair, progress);
    }

    /**
     * Deletes the report's tallies of the folders these files were in: they would be dropped on the
     * next report anyway, but days removed on purpose should not linger in a summary of them.
     */
    private void forgetTallies(List<Path> files) throws IOException {
        Set<String> folders = new HashSet<>();
        files.forEach(file -> folders.add(file.getParent().getFileName().toString()));
        for (String folder : folders) {
            TallyCache.forget(root, folder);
        }
    }

    /** A file's path from the state folder, as the operator's messages name it. */
    String relative(Path file) {
        return root.relativize(file).toString();
    }

    /** Bytes as people read them: 16 B, 1.5 KiB, 2.0 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** A day file, parsed when read. */
    private record FileDay(DayFileRef ref, StateFiles files) implements StoredDay {
        @Override
        public DayKey key() {
            return ref.key();
        }

        @Override
        public String location() {
            return ref.file().toString();
        }

        @Override
        public StateFiles.Read read() throws IOException {
            return files.read(ref.file(), ref.key());
        }
    }

    @FunctionalInterface
    public interface FolderWork<T> {
        T apply(Path folder, List<DayFileRef> days) throws IOException;
    }

    /** What a scan does with one account folder. */
    @FunctionalInterface
    interface FolderTask<T> {
        T apply(Path folder) throws IOException;
    }

    /** Finds an account folder's day files of a scan, by type then date. */
    @FunctionalInterface
    interface FolderLister {
        List<DayFileRef> dayFiles(Path folder) throws IOException;
    }
}
