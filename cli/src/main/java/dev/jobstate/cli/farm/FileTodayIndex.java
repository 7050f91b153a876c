package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.RunJournals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Today's status of a state folder, read again folder by folder as it changes. A bot's write is a
 * temp file renamed into the account folder, which changes the folder's mtime: one {@code stat} per
 * folder tells which folders to look into, and in those, the size, mtime and inode of today's and
 * yesterday's files tell whether to read them again. Rows come from the code {@code status} uses
 * ({@link Status#folderRows}), so the two never count differently.
 *
 * <p>File times are only as fine as the kernel's clock tick: a second write in the same tick as the
 * first leaves the same mtime. A folder or file changed less than {@link #SETTLE} ago is therefore
 * looked at again on the next refresh whatever its mtime says (as git does with its racy index).
 */
final class FileTodayIndex implements TodayIndex {

    /** How long a change may go unseen by file times alone: far more than any file system's tick. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    /**
     * The runs' journals grow with every start and end a bot makes, and what they say (in doubt,
     * interrupted) is about runs that died, which need not show within the second.
     */
    static final Duration JOURNALS_AT_MOST_EVERY = Duration.ofSeconds(5);

    /** A run that dies changes no file (its lock goes), so journals are read this often anyway. */
    static final Duration JOURNALS_AT_LEAST_EVERY = Duration.ofSeconds(15);

    private final StateDir dir;
    private final AccountDays days;
    private final int quarantineLimit;
    private final Clock clock;
    private final Clock wall;
    private final Map<String, Folder> folders = new TreeMap<>(); // by folder name: the order status lists
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private volatile FarmToday today;
    private long version;
    private FileTime rootTime;
    private boolean rootSettled;
    private Unended unended = Unended.NONE;
    private Set<RunJournals.Open> opens = Set.of();
    private List<Stamp> journalStamps;
    private Instant journalsReadAt;
    private boolean dropped; // an account folder went away since the last view

    /**
     * @param clock says which day is today for each account
     * @param wall the real time, which file times are compared with to tell a settled file
     */
    FileTodayIndex(StateDir dir, AccountDays days, int quarantineLimit, Clock clock, Clock wall) {
        this.dir = dir;
        this.days = days;
        this.quarantineLimit = quarantineLimit;
        this.clock = clock;
        this.wall = wall;
    }

    /** One account folder as last read. */
    private static final class Folder {
        final String name;
        final String account;
        FileTime time;
        boolean settled;
        LocalDate date;
        List<Stamp> stamps;
        List<Status.Row> rows = List.of();
        int quarantined = -1;

        Folder(String name) {
            this.name = name;
            String decoded = FolderNames.decode(name);
            this.account = decoded != null ? decoded : name;
        }
    }

    /** What says a file changed: a rename brings a new inode, a write a new size or time. */
    private record Stamp(String name, Object inode, long size, FileTime time) {
    }

    /** What one folder's fresh look found; applied on the refreshing thread. */
    private record Look(Folder folder, FileTime time, boolean settled, LocalDate date, List<Stamp> stamps,
                        List<Status.Row> rows, int quarantined, boolean reread) {
    }

    @Override
    public FarmToday today() {
        return today;
    }

    @Override
    public long versionOf(String account) {
        return versions.getOrDefault(account, 0L);
    }

    @Override
    public Refresh refresh() throws IOException {
        Instant now = clock.instant();
        Instant wallNow = wall.instant();
        BasicFileAttributes root;
        try {
            root = Files.readAttributes(dir.root(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(dir.root().toString(), null, "the state folder is gone");
        }
        Set<String> affected = readJournals(wallNow);
        if (!root.lastModifiedTime().equals(rootTime) || !rootSettled || !affected.isEmpty()) {
            relist(affected);
            rootTime = root.lastModifiedTime();
            rootSettled = settled(rootTime, wallNow);
        }
        List<Folder> toLook = new ArrayList<>();
        for (Folder folder : folders.values()) {
            FileTime time = timeOf(dir.root().resolve(folder.name));
            LocalDate date = days.dateOf(folder.account, now);
            if (folder.stamps == null || !folder.settled || !Objects.equals(time, folder.time)
                    || !date.equals(folder.date) || affected.contains(folder.name)) {
                toLook.add(folder);
            }
        }
        List<Look> looks;
        try {
            looks = toLook.parallelStream().map(folder -> look(folder, now, wallNow, affected)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        boolean changed = today == null;
        int reread = 0;
        for (Look look : looks) {
            Folder folder = look.folder;
            folder.time = look.time;
            folder.settled = look.settled;
            folder.date = look.date;
            folder.stamps = look.stamps;
            if (!look.reread) {
                continue;
            }
            reread++;
            if (!look.rows.equals(folder.rows) || look.quarantined != folder.quarantined) {
                folder.rows = look.rows;
                folder.quarantined = look.quarantined;
                versions.put(folder.account, version + 1);
                changed = true;
            }
        }
        changed |= dropped;
        dropped = false;
        if (changed) {
            publish(now);
        } else {
            today = today.seenAt(now);
        }
        return new Refresh(folders.size(), reread, changed);
    }

    /** The account folders there are, and the accounts only a journal names (a run died before any file). */
    private void relist(Set<String> affected) throws IOException {
        Set<String> names = new HashSet<>();
        for (Path folder : dir.accountFolders(new Scope(null, null, null, null))) {
            names.add(folder.getFileName().toString());
        }
        for (RunJournals.Open open : opens) {
            names.add(FolderNames.encode(open.key().account()));
        }
        dropped |= folders.keySet().retainAll(names);
        for (String name : names) {
            folders.computeIfAbsent(name, Folder::new);
        }
        affected.removeIf(name -> !folders.containsKey(name));
    }

    /** Reads the folder's relevant files again if their stamps changed; otherwise only notes its time. */
    private Look look(Folder folder, Instant now, Instant wallNow, Set<String> affected) {
        try {
            Path path = dir.root().resolve(folder.name);
            FileTime time = timeOf(path);
            LocalDate date = days.dateOf(folder.account, now);
            List<DayFileRef> refs = dir.dayFiles(path, new Scope(null, null, date.minusDays(1), date));
            List<Stamp> stamps = new ArrayList<>(refs.size() + 1);
            boolean settled = time == null || settled(time, wallNow);
            for (DayFileRef ref : refs) {
                Stamp stamp = stamp(ref.file());
                if (stamp != null) {
                    stamps.add(stamp);
                    settled &= settled(stamp.time, wallNow);
                }
            }
            Stamp release = stamp(path.resolve(".released-" + date + ".json"));
            if (release != null) {
                stamps.add(release);
            }
            // An unsettled stamp may hide a second write: read again until it settles.
            boolean same = folder.stamps != null && folder.settled && stamps.equals(folder.stamps)
                    && date.equals(folder.date) && !affected.contains(folder.name);
            if (same) {
                return new Look(folder, time, settled, date, stamps, null, -1, false);
            }
            List<Status.Row> rows = new ArrayList<>(Status.folderRows(dir.countingReader(), refs, date, unended));
            rows.addAll(unended.fileless(folder.name, date, rows));
            int quarantined = -1;
            if (quarantineLimit > 0 && time != null) {
                int failures = dir.failures(folder.account, date).sinceRelease();
                quarantined = failures >= quarantineLimit ? failures : -1;
            }
            return new Look(folder, time, settled, date, stamps, List.copyOf(rows), quarantined, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the runs' journals again when they changed (at most every few seconds) or have not been
     * read for a while, and says which account folders' rows they now read differently.
     */
    private Set<String> readJournals(Instant wallNow) throws IOException {
        Set<String> affected = new HashSet<>();
        List<Stamp> stamps = journalStamps();
        boolean due = journalsReadAt == null
                || (!stamps.equals(journalStamps) && !wallNow.isBefore(journalsReadAt.plus(JOURNALS_AT_MOST_EVERY)))
                || !wallNow.isBefore(journalsReadAt.plus(JOURNALS_AT_LEAST_EVERY));
        if (!due) {
            return affected;
        }
        Unended read = Unended.read(dir.root());
        Set<RunJournals.Open> now = read.opens();
        journalStamps = stamps;
        journalsReadAt = wallNow;
        if (now.equals(opens)) {
            return affected;
        }
        Set<RunJournals.Open> differ = new HashSet<>(now);
        differ.addAll(opens);
        Set<RunJournals.Open> both = new HashSet<>(now);
        both.retainAll(opens);
        differ.removeAll(both);
        differ.forEach(open -> affected.add(FolderNames.encode(open.key().account())));
        unended = read;
        opens = now;
        return affected;
    }

    private List<Stamp> journalStamps() throws IOException {
        List<Stamp> stamps = new ArrayList<>();
        Path runs = dir.root().resolve(".runs");
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(runs, "*.log")) {
            for (Path journal : journals) {
                Stamp stamp = stamp(journal);
                if (stamp != null) {
                    stamps.add(stamp);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        stamps.sort((a, b) -> a.name.compareTo(b.name));
        return stamps;
    }

    private void publish(Instant now) {
        List<List<Status.Row>> perAccount = new ArrayList<>(folders.size());
        Map<String, Integer> quarantined = new LinkedHashMap<>();
        for (Folder folder : folders.values()) {
            perAccount.add(folder.rows);
            if (folder.quarantined >= 0 && !folder.rows.isEmpty()) {
                quarantined.put(folder.rows.get(0).account(), folder.quarantined);
            }
        }
        version++;
        LocalDate date = days.defaultSchedule().dateAt(now);
        today = new FarmToday(version, now, Status.of(date, perAccount), Collections.unmodifiableMap(quarantined), !days.isUniform());
    }

    private static boolean settled(FileTime time, Instant wallNow) {
        return time.toInstant().isBefore(wallNow.minus(SETTLE));
    }

    private static FileTime timeOf(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Stamp stamp(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new Stamp(file.getFileName().toString(), attributes.fileKey(), attributes.size(),
                    attributes.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
