package dev.jobstate.cli.farm;

import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a state folder into PostgreSQL, each day file merged with the same grow-only union the
 * agent uses when the database comes back ({@code PgDays.merge}): importing again changes nothing,
 * and nothing the database already knows is lost or overwritten. A file that cannot be read is
 * reported and skipped; the rest still go in.
 */
public final class Import {

    /** Who the rows an import completes say did the work. */
    public static final String WORKER = "import";

    /**
     * @param days day files read
     * @param changedDays of those, the days that changed the database
     * @param rows rows inserted or changed
     * @param problems files skipped, with the reason
     */
    public record Result(long days, long changedDays, long rows, List<Problem> problems) {
    }

    public record Problem(Path file, String reason) {
    }

    private final PgFarm farm;

    public Import(PgFarm farm) {
        this.farm = farm;
    }

    public Result from(StateDir dir, Progress progress) throws IOException {
        FileStateStore layout = new FileStateStore(dir.root(), Clock.systemUTC(), new PersistenceHealth());
        Scope all = new Scope(null, null, null, null);
        List<Path> folders = dir.accountFolders(all);
        long days = 0;
        long changedDays = 0;
        long rows = 0;
        List<Problem> problems = new ArrayList<>();
        // Folder by folder on this thread: the database, not the disk, sets the pace, over one connection.
        for (int i = 0; i < folders.size(); i++) {
            for (DayFileRef ref : dir.dayFiles(folders.get(i), all)) {
                if (!layout.fileOf(ref.key()).equals(ref.file())) {
                    problems.add(new Problem(ref.file(), "its account or type name was shortened with a hash,"
                            + " so the real name is not known"));
                    continue;
                }
                StateFiles.Read read = dir.files().read(ref.file(), ref.key());
                if (read instanceof StateFiles.Unreadable bad) {
                    problems.add(new Problem(ref.file(), bad.reason()));
                    continue;
                }
                days++;
                int changed = PgFarm.call(() -> farm.days().merge(((StateFiles.Parsed) read).day(), WORKER));
                rows += changed;
                changedDays += changed > 0 ? 1 : 0;
            }
            progress.update(i + 1, folders.size());
        }
        return new Result(days, changedDays, rows, problems);
    }
}
