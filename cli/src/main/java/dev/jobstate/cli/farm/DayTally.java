package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report counts of one day: small enough to keep for every file of a farm between runs
 * ({@link TallyCache}), and all {@link ReportCollector} needs, so a day it has a tally of need not be
 * read again.
 *
 * @param completed completed ids
 * @param known completed and remaining ids
 * @param durations the successful runs' durations in ms, in the file's order
 * @param failures each failed id's last failure, in the file's order
 * @param remaining the ids still to do, in the file's order
 */
public record DayTally(int completed, int known, long[] durations, List<Failure> failures, List<String> remaining) {

    public record Failure(String id, LastFailure last) {
    }

    /**
     * One day as a scan hands it over.
     *
     * @param location where it is, for messages; a store may leave it null when {@code tally} is not
     *     (naming 900,000 readable files cost a repeat report a tenth of a second)
     * @param tally null when the day cannot be read
     */
    public record Of(DayKey key, String location, DayTally tally) {
    }

    static DayTally of(DayState day) {
        long[] durations = new long[day.durations().size()];
        int i = 0;
        for (long ms : day.durations().values()) {
            durations[i++] = ms;
        }
        List<Failure> failures = new ArrayList<>(day.failures().size());
        day.failures().forEach((id, f) -> failures.add(new Failure(id, f)));
        List<String> remaining = day.remaining();
        int completed = day.completed().size();
        return new DayTally(completed, completed + remaining.size(), durations, List.copyOf(failures), remaining);
    }

    /** {@code id}'s last failure, or null. */
    LastFailure failure(String id) {
        for (Failure f : failures) {
            if (f.id().equals(id)) {
                return f.last();
            }
        }
        return null;
    }
}
