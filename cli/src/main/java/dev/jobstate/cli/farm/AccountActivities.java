package dev.jobstate.cli.farm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One account's days, activity by activity: what {@code status} counts, itemized. Read through the
 * farm's own {@link DaySource}, from files or rows alike; results are kept only as their size.
 *
 * @param days newest first, then by type
 */
public record AccountActivities(String account, List<Day> days) {

    /** Where an activity stands on its day. */
    public enum State {
        DONE, FAILED, GAVE_UP, STARTED, TO_DO, NOT_STARTED
    }

    /**
     * One day of one type.
     *
     * @param problem why it cannot be read, or null; it then has no activities
     * @param resetAt when an operator reset it, or null
     */
    public record Day(LocalDate date, String type, String problem, Instant lastUpdate, Instant resetAt,
                      List<Activity> activities) {
    }

    /**
     * One activity on one day.
     *
     * @param attempts its attempts that day, successful or not, as far as the day records them
     * @param durationMillis how long its successful run took, or null
     * @param failure its last failure that day (kept after a later success), or null
     * @param resultBytes the size of its recorded result's JSON, or null when none was recorded
     * @param started when a start was recorded: the last attempt's, or an {@code @Activity(once = true)}'s
     *     that has no outcome yet
     */
    public record Activity(String id, State state, int attempts, Long durationMillis, LastFailure failure,
                           Integer resultBytes, Instant started, Instant unmarkedAt) {
    }

    /**
     * Reads {@code account}'s days from {@code from} to {@code to}; on {@code today}, the ids the day
     * before had and today has not seen are listed as not started.
     */
    public static AccountActivities read(DaySource source, String account, LocalDate from, LocalDate to,
                                         LocalDate today) throws IOException {
        Scope scope = new Scope(account, null, from.isAfter(today.minusDays(1)) ? today.minusDays(1) : from, to);
        List<Day> days = new ArrayList<>();
        Map<String, DayState> yesterday = new HashMap<>();
        List<DayState> todays = new ArrayList<>();
        for (List<StoredDay> stored : source.mapAccounts(scope, Progress.NONE, found -> found)) {
            for (StoredDay day : stored) {
                StateFiles.Read read = day.read();
                LocalDate date = day.key().date();
                if (read instanceof StateFiles.Parsed parsed && date.equals(today.minusDays(1))) {
                    yesterday.put(day.key().type(), parsed.day());
                }
                if (date.isBefore(from)) {
                    continue;
                }
                if (read instanceof StateFiles.Unreadable bad) {
                    yesterday.remove(day.key().type()); // nothing is known of today's: nothing to call not started
                    days.add(new Day(date, day.key().type(), bad.reason(), null, null, List.of()));
                } else if (date.equals(today)) {
                    todays.add(((StateFiles.Parsed) read).day());
                } else {
                    DayState state = ((StateFiles.Parsed) read).day();
                    days.add(day(state, activities(state, null)));
                }
            }
        }
        if (!today.isBefore(from) && !today.isAfter(to)) {
            for (DayState state : todays) {
                days.add(day(state, activities(state, yesterday.remove(state.key().type()))));
            }
            // A type yesterday had and today has no day of yet: all of it is still to start.
            yesterday.forEach((type, before) -> days.add(new Day(today, type, null, null, null,
                    notStarted(before, null))));
        }
        days.sort(Comparator.comparing(Day::date).reversed().thenComparing(Day::type));
        return new AccountActivities(account, days);
    }

    private static Day day(DayState state, List<Activity> activities) {
        return new Day(state.key().date(), state.key().type(), null, state.lastUpdate(), state.notes().resetAt(),
                activities);
    }

    private static List<Activity> activities(DayState day, DayState before) {
        List<Activity> activities = new ArrayList<>();
        DayNotes notes = day.notes();
        for (String id : day.completed()) {
            activities.add(activity(day, id, State.DONE));
        }
        for (String id : day.remaining()) {
            LastFailure failure = day.failures().get(id);
            State state = notes.started().containsKey(id) ? State.STARTED
                    : failure == null ? State.TO_DO : failure.gaveUp() ? State.GAVE_UP : State.FAILED;
            activities.add(activity(day, id, state));
        }
        if (before != null) {
            activities.addAll(notStarted(before, day));
        }
        return activities;
    }

    private static Activity activity(DayState day, String id, State state) {
        DayNotes.RunInfo run = day.notes().runs().get(id);
        LastFailure failure = day.failures().get(id);
        int attempts = run != null ? run.attempts() : failure != null ? failure.attempts() : 0;
        JsonNode result = day.result(id);
        Integer bytes = result == null ? null : result.toString().getBytes(StandardCharsets.UTF_8).length;
        Instant started = day.notes().started().getOrDefault(id, run == null ? null : run.lastStart());
        return new Activity(id, state, attempts, day.durations().get(id), failure, bytes, started,
                day.notes().revoked().get(id));
    }

    /** The ids {@code before} had that {@code today} (null: no day yet) has not seen: not started. */
    private static List<Activity> notStarted(DayState before, DayState today) {
        Set<String> expected = new LinkedHashSet<>(before.completed());
        expected.addAll(before.remaining());
        if (today != null) {
            expected.removeAll(today.completed());
            expected.removeAll(today.remaining());
            expected.removeAll(today.failures().keySet());
            expected.removeAll(today.notes().runs().keySet());
        }
        return expected.stream().map(id -> new Activity(id, State.NOT_STARTED, 0, null, null, null, null, null))
                .toList();
    }
}
