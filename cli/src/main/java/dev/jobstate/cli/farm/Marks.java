package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import java.io.IOException;

/** An operator's word on one activity: done by hand, or to do again; in files or in PostgreSQL. */
public interface Marks {

    enum Outcome { CHANGED, ALREADY_SO }

    Outcome mark(DayKey key, String id) throws IOException;

    /** An id that is not completed is left alone: nothing to undo. */
    Outcome unmark(DayKey key, String id) throws IOException;
}
