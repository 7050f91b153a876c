package dev.jobstate.cli.farm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the HTML report shows, already reduced to what fits on a page: built by
 * {@link ReportCollector} in one pass over the files.
 *
 * @param rows heat-map rows: every account when there are few, else those with the lowest
 *     completion over the range
 * @param farm the farm as one row: completion of all accounts per day
 * @param today unfinished and failed activities on the last day, at most {@link #TODAY_LIMIT}
 * @param todayGaveUpTotal of all unfinished activities on the last day, those jobstate gave up on
 */
public record FarmReport(LocalDate from, LocalDate to, Instant generatedAt, int accounts, long files,
                         List<String> unreadable, List<HeatRow> rows, HeatRow farm, List<History.Failing> failing,
                         List<DurationTrend> durations, List<Unfinished> today, long todayUnfinishedTotal,
                         long todayGaveUpTotal) {

    public static final int HEAT_ROWS = 40;
    public static final int TODAY_LIMIT = 200;

    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** Per day, completed and known; known 0 means no file that day. */
    public record HeatRow(String account, int[] completed, int[] known) {

        public double rate() {
            long c = 0;
            long k = 0;
            for (int i = 0; i < known.length; i++) {
                c += completed[i];
                k += known[i];
            }
            return k == 0 ? 1.0 : (double) c / k;
        }
    }

    /** A type's successful-run durations per day: mean and 90th percentile in ms, -1 without data. */
    public record DurationTrend(String type, long[] meanMillis, long[] p90Millis, long runs) {
    }

    /**
     * @param error the last error for a failed activity, null for one merely left to do
     * @param gaveUp whether it failed its {@code @Activity(maxAttempts)} times: it does not run again
     *     that day unless an operator unmarks it
     */
    public record Unfinished(String account, String type, String id, int attempts, String error, Instant at,
                             boolean gaveUp) {
    }
}
