package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every file of a state folder and says which are not good state files, and why: those the
 * agent would set aside (not JSON, wrong shape, too large) and {@code .json} files whose name no
 * bot reads. With
 * repair, unreadable ones are renamed aside as the agent would ({@code .corrupt-<time>}), so the
 * next run starts those days afresh instead of every run warning about them.
 */
public final class Verify {

    /**
     * @param name the file's path from the state folder, as messages name it
     * @param repairedTo where the file was set aside, or null when it was not (no repair asked, or
     *     a problem renaming cannot fix)
     */
    public record Problem(Path file, String name, String reason, Path repairedTo) {
    }

    public record Result(long files, List<Problem> problems) {

        /** Problems still there after any repair. */
        public long unresolved() {
            return problems.stream().filter(p -> p.repairedTo() == null).count();
        }
    }

    private final StateDir dir;
    private final Clock clock;

    public Verify(StateDir dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Result run(boolean repair, Progress progress) throws IOException {
        StateFiles files = dir.files();
        Scope all = new Scope(null, null, null, null);
        List<Result> perFolder = dir.mapFolders(all, progress, (folder, days) -> {
            List<Problem> problems = new ArrayList<>(strayFiles(dir, folder));
            for (DayFileRef ref : days) {
                StateFiles.Read read = files.read(ref.file(), ref.key());
                if (read instanceof StateFiles.Unreadable bad) {
                    Path aside = repair ? files.quarantine(ref.file(), clock.instant()) : null;
                    problems.add(new Problem(ref.file(), dir.relative(ref.file()), bad.reason(), aside));
                }
            }
            return new Result(days.size(), problems);
        });
        long count = 0;
        List<Problem> problems = new ArrayList<>();
        for (Result folder : perFolder) {
            count += folder.files();
            problems.addAll(folder.problems());
        }
        return new Result(count, problems);
    }

    /** A {@code .json} in an account folder whose name is not {@code <type>-<yyyy-MM-dd>.json}. */
    private static List<Problem> strayFiles(StateDir dir, Path folder) throws IOException {
        List<Problem> stray = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.json")) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".") && DayFileRef.parse(entry).isEmpty()) {
                    stray.add(new Problem(entry, dir.relative(entry),
                            "the name is not <type>-<yyyy-MM-dd>.json, so no bot reads it", null));
                }
            }
        }
        return stray;
    }
}
