package dev.jobstate.core.store.postgres;

import dev.jobstate.core.model.DayState;
import java.sql.Connection;
import java.sql.SQLException;

/** Folds a day recorded elsewhere (a local file, while the database was away) into the rows. */
@FunctionalInterface
interface DayMerger {

    /**
     * A grow-only union: what the day completed becomes completed, nothing completed is undone.
     *
     * @return how many rows changed
     */
    int merge(Connection connection, DayState day) throws SQLException;
}
