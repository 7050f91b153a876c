package dev.jobstate.cli.farm;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;

/**
 * Reads a day for the commands that only count (status, report's Today, the dashboard): from the
 * file ({@link DayFileReader}), or from what {@link StatusCache} kept of it while it is unchanged.
 */
@FunctionalInterface
interface DayReader {

    /** The day of {@code ref} without its results, or why its file cannot be read. */
    StateFiles.Read read(DayFileRef ref) throws IOException;
}
