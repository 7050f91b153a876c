package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What {@code status} found in the farm's folders, kept between runs in {@code <state>/.cache/status/},
 * so a status over files that did not change opens none of them: the day before's files, which it
 * reads for what is not started yet, hardly ever change, and most of today's stand still between
 * two looks. Two files:
 *
 * <ul>
 *   <li>{@code folders}: per account folder, its day files of the scan (so an unchanged folder is
 *       not listed again) and the rows status made of them (so unchanged files are not even
 *       decoded). Read at the start of every status.</li>
 *   <li>{@code days}: per day file, the day without results or durations ({@link DaySummary}),
 *       for folders where something changed: the files that did not are not parsed again. Read
 *       only when some folder changed.</li>
 * </ul>
 *
 * <p>Never trusted over a file, as {@link TallyCache}: each entry carries the size, mtime and file
 * key (inode) of what it was made from (a folder's, for its listing; each day file's, for rows and
 * summaries) and is used only while they are unchanged; nothing changed less than 2 s before the
 * run is kept; a file that cannot be read is never kept, so it is read and reported in its own
 * words every time, as is a folder a run's journal speaks of. A cache file that is torn, of another
 * version or too large is ignored and rewritten; one that cannot be written leaves the run reading
 * files, as before. It keeps the days the last runs looked at, and what it had of days near them
 * that no run covered (another account's, with {@code --account}): about two days of the farm.
 */
final class StatusCache implements DayReader {

    static final String FOLDER = "status";

    /** Kept days of no run's range are dropped once they are this far from the last run's. */
    private static final int NEAR_DAYS = 2;

    private final Path folder;
    private final DayFileReader files;
    private final SettleWindow window;
    /** Read on another thread while the state folder is listed: each took a few tens of ms, one after the other. */
    private final CompletableFuture<KeptEntries> folders;
    private volatile KeptEntries days;
    private final List<Scope> scanned = new ArrayList<>();
    /**
     * Folders whose rows were kept: their files' summaries stay, for when a folder changes. Their
     * names only, the files read from their kept listings at a save that needs them.
     */
    private final Queue<String> unchanged = new ConcurrentLinkedQueue<>();
    private boolean writable = true;

    /** Reads what is kept of {@code root}'s farm, if anything; {@code now} is when the run starts. */
    StatusCache(Path root, DayFileReader files, Instant now) {
        this.folder = root.resolve(TallyCache.FOLDER).resolve(FOLDER);
        this.files = files;
        this.window = new SettleWindow(now);
        Path kept = folder.resolve("folders");
        this.folders = CompletableFuture.supplyAsync(() -> new KeptEntries(kept));
    }

    /** What is kept of each folder; it never fails to read (a bad file is as none). */
    private KeptEntries folders() {
        return folders.join();
    }

    /** The day files' summaries, read the first time a folder changed. */
    private KeptEntries days() {
        KeptEntries read = days;
        if (read == null) {
            synchronized (this) {
                if (days == null) {
                    days = new KeptEntries(folder.resolve("days"));
                }
                read = days;
            }
        }
        return read;
    }

    private boolean settled(TallyCache.Stamp stamp) {
        return window.settled(stamp);
    }

    /**
     * The day of {@code ref}: its summary while the file is as it was when read (stat first, so a
     * summary is never older than its stamp), else the file, read and summarized for the next run.
     */
    @Override
    public StateFiles.Read read(DayFileRef ref) throws IOException {
        return read(ref, TallyCache.Stamp.of(ref.file()));
    }

    /** {@link #read(DayFileRef)} with the file's stamp, taken before this call (null: no stat). */
    private StateFiles.Read read(DayFileRef ref, TallyCache.Stamp stamp) throws IOException {
        KeptEntries days = days();
        String name = name(ref);
        Integer at = days.at(name);
        if (stamp != null && at != null && stamp.equals(days.stamp(at))) {
            try {
                StateFiles.Read read = new StateFiles.Parsed(DaySummary.read(days.body(at), ref.key()));
                days.use(name, at);
                return read;
            } catch (RuntimeException e) {
                // not what this version wrote after all: the file says
            }
        }
        StateFiles.Read read = files.read(ref);
        if (read instanceof StateFiles.Parsed parsed && settled(stamp)) {
            VarInts.Writer summary = new VarInts.Writer(1024);
            DaySummary.write(summary, parsed.day());
            days.put(name, KeptEntries.entry(name, stamp, ref.date(), summary));
        } else {
            days.drop(name); // the file changed, or cannot be read
        }
        return read;
    }

    /**
     * The day files of account folder {@code folder} in {@code scope}, by type then date: as the
     * last status listed them while the folder has the same mtime and inode (creating, renaming or
     * deleting a file in it changes its mtime; a bot renames each write into place), else listed.
     * Listing 10,000 folders of 90 files each cost more than the rest of an unchanged status.
     * {@code stamp} is the folder's, {@code name} its name.
     */
    private List<DayFileRef> dayFiles(Path folder, String name, TallyCache.Stamp stamp, Scope scope, StateDir dir)
            throws IOException {
        Integer at = folders().at(name);
        if (stamp != null && at != null && stamp.equals(folders().stamp(at))) {
            try {
                List<DayFileRef> refs = listing(folders().body(at), folder, scope);
                if (refs != null) {
                    folders().use(name, at);
                    return refs;
                }
            } catch (RuntimeException e) {
                // not what this version wrote after all: the folder says
            }
        }
        List<DayFileRef> refs = dir.dayFiles(folder, scope);
        if (settled(stamp)) {
            VarInts.Writer listing = new VarInts.Writer(64 + refs.size() * 64);
            listing.fixedInt((int) scope.from().toEpochDay());
            DaySummary.writeString(listing, scope.type());
            listing.fixedInt(refs.size());
            for (DayFileRef ref : refs) {
                DaySummary.writeString(listing, ref.file().getFileName().toString());
                DaySummary.writeString(listing, ref.account());
                DaySummary.writeString(listing, ref.type());
                listing.fixedInt((int) ref.date().toEpochDay());
            }
            folders().put(name, KeptEntries.entry(name, stamp, scope.to(), listing));
        } else {
            folders().drop(name);
        }
        return refs;
    }

    /** A folder's kept listing, if it was of the same days and type as {@code scope}; else null. */
    private static List<DayFileRef> listing(ByteBuffer in, Path folder, Scope scope) {
        if (in.getInt(in.position() - 4) != (int) scope.to().toEpochDay()
                || in.getInt() != (int) scope.from().toEpochDay()
                || !Objects.equals(DaySummary.readString(in), scope.type())) {
            return null;
        }
        int count = DaySummary.count(in);
        List<DayFileRef> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(new DayFileRef(folder.resolve(DaySummary.readString(in)), DaySummary.readString(in),
                    DaySummary.readString(in), LocalDate.ofEpochDay(in.getInt())));
        }
        return refs;
    }

    /**
     * The status rows of account folder {@code folder} in {@code scope}: {@link #dayFiles}, then
     * {@link #rows}, but for a folder whose kept rows stand (nothing changed in it), read with no
     * day file listed or decoded: only the kept listing's file names, for their stamps.
     *
     * @param rows makes a folder's rows from its day files, when the kept ones do not stand
     * @return null when {@code folder} is not a folder (or is gone): the state folder's other entries
     *     are told apart by this stat, which the stamp needs anyway
     */
    List<Status.Row> folderRows(Path folder, Scope scope, StateDir dir, Unended unended, FolderRows rows)
            throws IOException {
        BasicFileAttributes attributes = TallyCache.Stamp.attributes(folder);
        if (attributes == null || !attributes.isDirectory()) {
            return null;
        }
        String name = folder.getFileName().toString();
        TallyCache.Stamp stamp = TallyCache.Stamp.of(attributes);
        if (!unended.touches(name)) {
            List<Status.Row> kept = keptRows(folder, name, stamp, scope);
            if (kept != null) {
                return kept;
            }
        }
        List<DayFileRef> days = dayFiles(folder, name, stamp, scope, dir);
        return rows(folder, days, scope, unended, reader -> rows.make(days, reader));
    }

    /**
     * The rows kept of folder {@code name}, marked used, when {@link #dayFiles} would use its kept
     * listing (the folder's stamp is the listing's) and {@link #rows} its kept rows (made from that
     * listing, of files whose stamps are all as they were then); else null, and nothing marked.
     */
    private List<Status.Row> keptRows(Path folder, String name, TallyCache.Stamp stamp, Scope scope) {
        String rowsName = name + "/";
        KeptEntries folders = folders();
        Integer listing = folders.at(name);
        Integer at = folders.at(rowsName);
        if (listing == null || at == null || !stamp.equals(folders.stamp(listing))
                || !stamp.equals(folders.stamp(at))) {
            return null;
        }
        try {
            TallyCache.Stamp[] stamps = fileStamps(folders.body(listing), folder, scope);
            List<Status.Row> kept = stamps == null ? null : keptRows(folders.body(at), scope, stamps);
            if (kept != null) {
                folders.use(name, listing);
                folders.use(rowsName, at);
                unchanged.add(name);
                return kept;
            }
        } catch (RuntimeException e) {
            // not what this version wrote after all: the files say
        }
        return null;
    }

    /**
     * The stamps of the files of a folder's kept listing, if it was of the same days and type as
     * {@code scope} (else null): the names alone, no reference to each file made.
     */
    private static TallyCache.Stamp[] fileStamps(ByteBuffer in, Path folder, Scope scope) {
        if (in.getInt(in.position() - 4) != (int) scope.to().toEpochDay()
                || in.getInt() != (int) scope.from().toEpochDay()
                || !Objects.equals(DaySummary.readString(in), scope.type())) {
            return null;
        }
        TallyCache.Stamp[] stamps = new TallyCache.Stamp[DaySummary.count(in)];
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = TallyCache.Stamp.of(folder.resolve(DaySummary.readString(in)));
            DaySummary.skipString(in); // account
            DaySummary.skipString(in); // type
            in.getInt(); // date
        }
        return stamps;
    }

    /**
     * The status rows of account folder {@code folder}: as the last status made them while its
     * day files {@code days} (as {@link #dayFiles} found them) all have the stamps they had then,
     * else made by {@code rows} and kept. Not kept: a folder with a file that cannot be read (read
     * and reported every time), one a run's journal speaks of ({@link Unended}: those rows change
     * with the run, not the files), or one changed less than 2 s ago.
     */
    List<Status.Row> rows(Path folder, List<DayFileRef> days, Scope scope, Unended unended, RowMaker rows)
            throws IOException {
        String folderName = folder.getFileName().toString();
        if (unended.touches(folderName)) {
            return rows.make(this);
        }
        String name = folderName + "/";
        TallyCache.Stamp[] stamps = new TallyCache.Stamp[days.size()];
        boolean settled = true;
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = TallyCache.Stamp.of(days.get(i).file());
            settled &= settled(stamps[i]);
        }
        // Rows go with the listing they were made from: same folder stamp, and the listing was kept
        // this run (a file renamed keeps its own stamp but may be of another type now).
        Integer listing = folders().at(folderName);
        Integer at = folders().at(name);
        if (at != null && listing != null && listing.equals(folders().seen(folderName))
                && folders().stamp(at).equals(folders().stamp(listing))) {
            try {
                List<Status.Row> kept = keptRows(folders().body(at), scope, stamps);
                if (kept != null) {
                    folders().use(name, at);
                    unchanged.add(folderName);
                    return kept;
                }
            } catch (RuntimeException e) {
                // not what this version wrote after all: the files say
            }
        }
        // Each file read with the stamp just taken: a second stat of each of 60,000 files was a
        // tenth of a first status's system time. Taken before the read, it still never vouches for
        // newer content than the file had when read.
        List<Status.Row> made = rows.make(ref -> read(ref, stampOf(ref, days, stamps)));
        TallyCache.Stamp folderStamp = folders().seenStamp(folderName);
        if (settled && folderStamp != null && made.stream().allMatch(row -> row.problem() == null)) {
            VarInts.Writer body = new VarInts.Writer(256 + made.size() * 128);
            body.fixedInt((int) scope.from().toEpochDay());
            DaySummary.writeString(body, scope.type());
            body.fixedInt(stamps.length);
            for (TallyCache.Stamp stamp : stamps) {
                body.fixedLong(stamp.size());
                body.fixedLong(stamp.mtimeNanos());
                body.fixedInt(stamp.fileKey());
            }
            RowSummary.write(body, made);
            folders().put(name, KeptEntries.entry(name, folderStamp, scope.to(), body));
        } else {
            folders().drop(name);
        }
        return made;
    }

    /** The stamp of {@code ref}, one of {@code days}, as {@code stamps} has it; stat now if it is another. */
    private static TallyCache.Stamp stampOf(DayFileRef ref, List<DayFileRef> days, TallyCache.Stamp[] stamps) {
        for (int i = 0; i < stamps.length; i++) {
            if (days.get(i) == ref) {
                return stamps[i];
            }
        }
        return TallyCache.Stamp.of(ref.file());
    }

    /** Kept rows, if made of the same days and type as {@code scope} from files of these stamps; else null. */
    private static List<Status.Row> keptRows(ByteBuffer in, Scope scope, TallyCache.Stamp[] stamps) {
        if (in.getInt(in.position() - 4) != (int) scope.to().toEpochDay()
                || in.getInt() != (int) scope.from().toEpochDay()
                || !Objects.equals(DaySummary.readString(in), scope.type()) || in.getInt() != stamps.length) {
            return null;
        }
        for (TallyCache.Stamp stamp : stamps) {
            if (!new TallyCache.Stamp(in.getLong(), in.getLong(), in.getInt()).equals(stamp)) {
                return null;
            }
        }
        return RowSummary.read(in);
    }

    /** Makes a folder's rows from its files, each read by {@code reader}. */
    @FunctionalInterface
    interface RowMaker {
        List<Status.Row> make(DayReader reader) throws IOException;
    }

    /** Makes a folder's rows from its day files, each read by {@code reader}. */
    @FunctionalInterface
    interface FolderRows {
        List<Status.Row> make(List<DayFileRef> days, DayReader reader) throws IOException;
    }

    /** A scan of {@code scope} is over: its days are what {@link #save} keeps. */
    synchronized void scanned(Scope scope) {
        scanned.add(scope);
    }

    /**
     * Writes what this run used or made, and what was kept of days near them that no scan covered;
     * nothing when that is what is kept already (the summaries: when they were not even read), or
     * when it cannot be written.
     */
    synchronized void save() {
        if (scanned.isEmpty() || !writable) {
            return;
        }
        try {
            folders().save(date -> near(date) && !covered(date));
            if (days != null) {
                for (String folderName : unchanged) {
                    keepSummaries(folderName);
                }
                days.save(date -> near(date) && !covered(date));
            }
        } catch (IOException | UnsupportedOperationException e) {
            writable = false; // a read-only farm is read as it is, every time
        }
    }

    /** Keeps the summaries of the files in folder {@code folderName}'s kept listing, if any. */
    private void keepSummaries(String folderName) {
        Integer listing = folders().at(folderName);
        if (listing == null) {
            return;
        }
        ByteBuffer in = folders().body(listing);
        in.getInt(); // first date
        DaySummary.skipString(in); // type
        for (int i = DaySummary.count(in); i > 0; i--) {
            days.keepIfKept(folderName + "/" + DaySummary.readString(in));
            DaySummary.skipString(in); // account
            DaySummary.skipString(in); // type
            in.getInt(); // date
        }
    }

    /** Whether a scan looked at every file of {@code date}: then a kept entry it did not see is gone. */
    private boolean covered(LocalDate date) {
        for (Scope scope : scanned) {
            if (scope.account() == null && scope.type() == null && !date.isBefore(scope.from())
                    && !date.isAfter(scope.to())) {
                return true;
            }
        }
        return false;
    }

    private boolean near(LocalDate date) {
        for (Scope scope : scanned) {
            if (!date.isBefore(scope.from().minusDays(NEAR_DAYS)) && !date.isAfter(scope.to().plusDays(NEAR_DAYS))) {
                return true;
            }
        }
        return false;
    }

    /** The day file's path from the state folder: its summary's name. */
    private static String name(DayFileRef ref) {
        Path file = ref.file();
        return file.getParent().getFileName() + "/" + file.getFileName();
    }
}
