package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account over a range of days: completion per day (all types together) and the activities
 * that failed most often. Failures are counted in failed attempts, as the files record them.
 */
public record History(String account, List<Day> days, List<Failing> failing, List<String> unreadable) {

    /** How many failing activities a history lists. */
    public static final int TOP = 10;

    /** A day with no state file has {@code files == 0}. */
    public record Day(LocalDate date, int files, int completed, int known, int failedAttempts) {
    }

    /**
     * @param days on how many days it failed at least once
     * @param last its most recent failure
     */
    public record Failing(String type, String id, int attempts, int days, LastFailure last) {
    }

    public static History of(DaySource source, String account, LocalDate from, LocalDate to) throws IOException {
        Scope scope = new Scope(account, null, from, to);
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, new int[4]);
        }
        Map<String, Failing> failing = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        // One account: its days are few, so they are listed first and read one by one here.
        for (List<StoredDay> accountDays : source.mapAccounts(scope, Progress.NONE, days -> days)) {
            for (StoredDay ref : accountDays) {
                String type = ref.key().type();
                int[] counts = perDay.get(ref.key().date());
                counts[0]++;
                if (!(ref.read() instanceof StateFiles.Parsed parsed)) {
                    unreadable.add(ref.location());
                    continue;
                }
                DayState day = parsed.day();
                counts[1] += day.completed().size();
                counts[2] += day.completed().size() + day.remaining().size();
                day.failures().forEach((id, f) -> {
                    counts[3] += f.attempts();
                    failing.merge(type + "\u0000" + id, new Failing(type, id, f.attempts(), 1, f),
                            History::add);
                });
            }
        }
        List<Day> days = new ArrayList<>();
        perDay.forEach((date, c) -> days.add(new Day(date, c[0], c[1], c[2], c[3])));
        List<Failing> top = failing.values().stream()
                .sorted(Comparator.comparingInt(Failing::attempts).reversed()
                        .thenComparing(Failing::type).thenComparing(Failing::id))
                .limit(TOP).toList();
        return new History(account, days, top, unreadable);
    }

    private static Failing add(Failing a, Failing b) {
        LastFailure last = latest(a.last(), b.last());
        return new Failing(a.type(), a.id(), a.attempts() + b.attempts(), a.days() + b.days(), last);
    }

    static LastFailure latest(LastFailure a, LastFailure b) {
        Instant at = a.at();
        return b.at().isAfter(at) ? b : a;
    }
}
