package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;

/** One day as a {@link DaySource} keeps it, read only when asked: a scan holds one at a time. */
public interface StoredDay {

    DayKey key();

    /** Where it is, for messages: a file's path, or the database row's key. */
    String location();

    /** The day, or why it cannot be read as one. */
    StateFiles.Read read() throws IOException;
}
