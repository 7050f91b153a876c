package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayState;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes a PostgreSQL farm's days as day files, laid out as the file store lays them out, so the
 * folder serves as a {@code --dir} or as a file-store bot's state. Each file is replaced atomically
 * under its folder's lock; days already in the folder are overwritten by the database's version.
 */
public final class Export {

    /** What an export wrote. */
    public record Result(int accounts, long days) {
    }

    private final PgFarm farm;

    public Export(PgFarm farm) {
        this.farm = farm;
    }

    public Result to(Path folder, Scope scope, Progress progress) throws IOException {
        // Only for its file naming: it never writes here, so no clock or health matters.
        FileStateStore layout = new FileStateStore(folder, Clock.systemUTC(), new PersistenceHealth());
        StateFiles files = new StateFiles();
        long written = 0;
        int accounts = 0;
        for (Integer perAccount : farm.mapAccounts(scope, progress, days -> {
            for (StoredDay day : days) {
                DayState state = ((StateFiles.Parsed) day.read()).day();
                files.write(layout.fileOf(day.key()), state);
            }
            return days.size();
        })) {
            accounts++;
            written += perAccount;
        }
        return new Result(accounts, written);
    }
}
