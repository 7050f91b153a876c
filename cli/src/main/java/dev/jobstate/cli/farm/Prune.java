package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.Releases;
import dev.jobstate.core.store.file.RunJournals;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes state files whose date (from their name, not their mtime: a file touched by an edit or a
 * copy keeps its day) is before a cut-off. Bots only ever write today's file, so old days are safe
 * to delete while they run.
 */
final class Prune {

    record Removed(DayFileRef file, long bytes) {
    }

    private final StateDir dir;

    Prune(StateDir dir) {
        this.dir = dir;
    }

    /**
     * @param before files dated strictly before this day go, with the releases from quarantine of
     *     those days and the journals of runs that ended before it (they only mattered to them)
     */
    List<Removed> run(LocalDate before, boolean dryRun, Progress progress) throws IOException {
        Scope scope = new Scope(null, null, null, before.minusDays(1));
        List<List<Removed>> perFolder = dir.mapFolders(scope, progress, (folder, days) -> {
            List<Removed> removed = new ArrayList<>(days.size());
            for (DayFileRef ref : days) {
                long bytes = dryRun ? Files.size(ref.file()) : dir.files().delete(ref.file(), ref.key(), null);
                removed.add(new Removed(ref, bytes));
            }
            if (!dryRun) {
                Releases.deleteBefore(folder, before);
            }
            return removed;
        });
        if (!dryRun) {
            RunJournals.deleteDeadBefore(dir.root(), before.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        List<Removed> all = new ArrayList<>();
        perFolder.forEach(all::addAll);
        return all;
    }
}
