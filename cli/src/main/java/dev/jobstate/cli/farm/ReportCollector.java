package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.LastFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a range of days once, folder by folder, and keeps only aggregates: per account two ints per
 * day, per type a duration histogram per day, per failing activity a counter, and a capped list
 * of today's unfinished work. Memory grows with accounts × days and distinct activity ids, never
 * with the number of files.
 */
public final class ReportCollector {

    /** A folder's durations travel as (day index, millis) packed in one long each, not as histograms. */
    private static final int DAY_SHIFT = 40;
    private static final long MILLIS_MASK = (1L << DAY_SHIFT) - 1;

    private final DaySource source;
    private final Clock clock;

    private Function<String, LocalDate> todayOf;
    public ReportCollector(DaySource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * Each account's own today, whose unfinished activities the report lists; without it, the last
     * day of the range is everyone's today.
     */
    public ReportCollector todayOf(Function<String, LocalDate> accountsToday) {
        this.todayOf = accountsToday;
        return this;
    }

    /** What one account folder contributes; merged into the report in folder order. */
    private record Part(FarmReport.HeatRow row, long files, List<String> unreadable,
                        Map<String, Samples> durations, Map<String, History.Failing> failing,
                        List<FarmReport.Unfinished> today) {
    }

    public FarmReport collect(LocalDate from, LocalDate to, Progress progress) throws IOException {
        int n = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Aggregate all = new Aggregate(n);
        // Each folder's part is merged at once and dropped: only the small heat row is kept per account.
        List<FarmReport.HeatRow> rows = new ArrayList<>();
        for (FarmReport.HeatRow row : source.mapTallies(new Scope(null, null, from, to), progress,
                days -> all.merge(part(days, from, to, n, todayOf)))) {
            if (row != null) {
                rows.add(row);
            }
        }
        return all.report(from, to, clock.instant(), rows);
    }

    /** The farm so far; parts arrive from several threads. */
    private static final class Aggregate {
        private static final Comparator<FarmReport.Unfinished> TODAY_ORDER =
                Comparator.comparing(FarmReport.Unfinished::account).thenComparing(FarmReport.Unfinished::type)
                        .thenComparing(FarmReport.Unfinished::id);

        private final int n;
        private final int[] farmDone;
        private final int[] farmKnown;
        private final List<String> unreadable = new ArrayList<>();
        private final Map<String, DurationHistogram[]> durations = new TreeMap<>();
        private final Map<String, History.Failing> failing = new HashMap<>();
        private List<FarmReport.Unfinished> today = new ArrayList<>();
        private long todayTotal;
        private long todayGaveUp;
        private long files;
        private int accounts;

        Aggregate(int n) {
            this.n = n;
            farmDone = new int[n];
            farmKnown = new int[n];
        }

        synchronized FarmReport.HeatRow merge(Part part) {
            if (part.files == 0) {
                return null;
            }
            accounts++;
            files += part.files;
            for (int i = 0; i < n; i++) {
                farmDone[i] += part.row.completed()[i];
                farmKnown[i] += part.row.known()[i];
            }
            unreadable.addAll(part.unreadable);
            part.durations.forEach((type, samples) -> {
                DurationHistogram[] into = durations.computeIfAbsent(type, t -> histograms(n));
                long[] packed = samples.values;
                for (int i = 0; i < samples.size; i++) {
                    into[(int) (packed[i] >>> DAY_SHIFT)].add(packed[i] & MILLIS_MASK);
                }
            });
            part.failing.forEach((key, f) -> failing.merge(key, f, ReportCollector::add));
            todayTotal += part.today.size();
            todayGaveUp += part.today.stream().filter(FarmReport.Unfinished::gaveUp).count();
            today.addAll(part.today);
            if (today.size() > 2 * FarmReport.TODAY_LIMIT) {
                today = firstOfToday();
            }
            return part.row;
        }

        /** The same first entries whatever order the threads delivered the folders in. */
        private List<FarmReport.Unfinished> firstOfToday() {
            return new ArrayList<>(today.stream().sorted(TODAY_ORDER).limit(FarmReport.TODAY_LIMIT).toList());
        }

        FarmReport report(LocalDate from, LocalDate to, Instant at, List<FarmReport.HeatRow> rows) {
            unreadable.sort(null);
            return new FarmReport(from, to, at, accounts, files, unreadable, heatRows(rows),
                    new FarmReport.HeatRow("all accounts", farmDone, farmKnown), topFailing(failing),
                    trends(durations, n), firstOfToday(), todayTotal, todayGaveUp);
        }
    }

    private static Part part(List<DayTally.Of> days, LocalDate from, LocalDate to, int n,
                             Function<String, LocalDate> todayOf) {
        int[] done = new int[n];
        int[] known = new int[n];
        List<String> unreadable = new ArrayList<>();
        Map<String, Samples> durations = new HashMap<>();
        Map<String, History.Failing> failing = new HashMap<>();
        List<FarmReport.Unfinished> today = new ArrayList<>();
        String account = days.isEmpty() ? "" : days.get(0).key().account();
        LocalDate ownToday = todayOf == null || days.isEmpty() ? to : todayOf.apply(account);
        for (DayTally.Of stored : days) {
            DayTally day = stored.tally();
            if (day == null) {
                unreadable.add(stored.location());
                continue;
            }
            DayKey ref = stored.key();
            int i = (int) ChronoUnit.DAYS.between(from, ref.date());
            done[i] += day.completed();
            known[i] += day.known();
            Samples samples = durations.computeIfAbsent(ref.type(), t -> new Samples());
            long dayBits = (long) i << DAY_SHIFT;
            for (long ms : day.durations()) {
                samples.add(dayBits | Math.min(MILLIS_MASK, Math.max(0, ms)));
            }
            for (DayTally.Failure failure : day.failures()) {
                LastFailure f = failure.last();
                failing.merge(ref.type() + "\u0000" + failure.id(),
                        new History.Failing(ref.type(), failure.id(), f.attempts(), 1, f), ReportCollector::add);
            }
            if (ref.date().equals(ownToday)) {
                for (String id : day.remaining()) {
                    LastFailure f = day.failure(id);
                    today.add(new FarmReport.Unfinished(ref.account(), ref.type(), id,
                            f == null ? 0 : f.attempts(),
                            f == null ? null : f.exception() + (f.message() == null ? "" : ": " + f.message()),
                            f == null ? null : f.at(), f != null && f.gaveUp()));
                }
            }
        }
        return new Part(new FarmReport.HeatRow(account, done, known), days.size(), unreadable, durations,
                failing, today);
    }

    /**
     * A folder's packed durations in the order read: a growing array, since a boxed list of them
     * (millions over a farm) cost the repeat report more than reading its tallies.
     */
    private static final class Samples {
        private long[] values = new long[64];
        private int size;

        void add(long sample) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = sample;
        }
    }

    private static DurationHistogram[] histograms(int n) {
        DurationHistogram[] perDay = new DurationHistogram[n];
        for (int i = 0; i < n; i++) {
            perDay[i] = new DurationHistogram();
        }
        return perDay;
    }

    private static History.Failing add(History.Failing a, History.Failing b) {
        return new History.Failing(a.type(), a.id(), a.attempts() + b.attempts(), a.days() + b.days(),
                History.latest(a.last(), b.last()));
    }

    /** Few accounts: all, by name. Many: the ones needing attention, lowest completion first. */
    private static List<FarmReport.HeatRow> heatRows(List<FarmReport.HeatRow> rows) {
        if (rows.size() <= FarmReport.HEAT_ROWS) {
            return rows;
        }
        // Each rate once: sorting 10,000 rows summed each row's days at every comparison.
        record Rated(FarmReport.HeatRow row, double rate) {
        }
        return rows.stream().map(row -> new Rated(row, row.rate()))
                .sorted(Comparator.comparingDouble(Rated::rate).thenComparing(r -> r.row().account()))
                .limit(FarmReport.HEAT_ROWS).map(Rated::row).toList();
    }

    private static List<History.Failing> topFailing(Map<String, History.Failing> failing) {
        return failing.values().stream()
                .sorted(Comparator.comparingInt(History.Failing::attempts).reversed()
                        .thenComparing(History.Failing::type).thenComparing(History.Failing::id))
                .limit(History.TOP).toList();
    }

    private static List<FarmReport.DurationTrend> trends(Map<String, DurationHistogram[]> durations, int n) {
        List<FarmReport.DurationTrend> trends = new ArrayList<>();
        durations.forEach((type, perDay) -> {
            long[] mean = new long[n];
            long[] p90 = new long[n];
            long runs = 0;
            for (int i = 0; i < n; i++) {
                mean[i] = perDay[i].mean();
                p90[i] = perDay[i].quantile(0.9);
                runs += perDay[i].count();
            }
            if (runs > 0) {
                trends.add(new FarmReport.DurationTrend(type, mean, p90, runs));
            }
        });
        return trends;
    }
}
