package dev.jobstate.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a day's file records besides the activities' outcomes: when each activity last started and
 * how often it was attempted, and the operator's word (an unmarked id, a reset day).
 *
 * <p>The operator's word is kept as times so that merges respect it: a completion or failure that
 * happened before an id was unmarked, or before the day was reset, is stale news from a running bot
 * and is dropped instead of resurrecting what the operator undid. Immutable.
 *
 * @param runs per activity id, its last start and attempts today
 * @param revoked per activity id, when an operator last unmarked it
 * @param resetAt when an operator last reset the day, or null
 * @param started per {@code @Activity(once = true)} id that started and has no outcome since, when
 *     it started: running, or in doubt if its process died
 */
public record DayNotes(Map<String, RunInfo> runs, Map<String, Instant> revoked, Instant resetAt,
                       Map<String, Instant> started) {

    public static final DayNotes EMPTY = new DayNotes(Map.of(), Map.of(), null, Map.of());

    public DayNotes {
        // A map grown by attempted() is immutable already; copying it was most of a change's cost.
        runs = runs instanceof AppendOnlyMap ? runs : Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        revoked = Collections.unmodifiableMap(new LinkedHashMap<>(revoked));
        started = started.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(started));
    }

    public DayNotes(Map<String, RunInfo> runs, Map<String, Instant> revoked, Instant resetAt) {
        this(runs, revoked, resetAt, Map.of());
    }

    /**
     * A day's notes as its file's fields give them, as the codec reads them: {@code startMillis}
     * (each completed id's one try, {@code firstTries}) after {@code runs}, which says more and so wins
     * for an id in both; {@link #EMPTY} when there are none.
     */
    public static DayNotes read(Map<String, RunInfo> runs, Map<String, RunInfo> firstTries,
                                Map<String, Instant> revoked, Instant resetAt, Map<String, Instant> started) {
        Map<String, RunInfo> all = runs;
        if (!firstTries.isEmpty()) {
            all = new LinkedHashMap<>(runs);
            for (Map.Entry<String, RunInfo> first : firstTries.entrySet()) {
                all.putIfAbsent(first.getKey(), first.getValue());
            }
        }
        return all.isEmpty() && revoked.isEmpty() && resetAt == null && started.isEmpty()
                ? EMPTY : new DayNotes(all, revoked, resetAt, started);
    }

    /**
     * @param lastStart when the last attempt started
     * @param attempts attempts today, successful or not
     */
    public record RunInfo(Instant lastStart, int attempts) {
    }

    /** Whether an outcome of {@code id} at {@code at} predates the operator's word on it. */
    boolean voids(String id, Instant at) {
        Instant unmarked = revoked.get(id);
        return (resetAt != null && !at.isAfter(resetAt)) || (unmarked != null && !at.isAfter(unmarked));
    }

    DayNotes attempted(String id, Instant start) {
        RunInfo before = runs.get(id);
        Instant last = before == null || start.isAfter(before.lastStart()) ? start : before.lastStart();
        Map<String, RunInfo> next = AppendOnlyMap.from(runs).with(id,
                new RunInfo(last, before == null ? 1 : before.attempts() + 1));
        return new DayNotes(next, revoked, resetAt, started).settled(id);
    }

    DayNotes revoke(String id, Instant at) {
        Map<String, Instant> next = new LinkedHashMap<>(revoked);
        next.put(id, at);
        return new DayNotes(runs, next, resetAt, started).settled(id);
    }

    DayNotes start(String id, Instant at) {
        Map<String, Instant> next = new LinkedHashMap<>(started);
        next.put(id, at);
        return new DayNotes(runs, revoked, resetAt, next);
    }

    /** {@code id} has an outcome, or an operator's word: it is no longer started without one. */
    DayNotes settled(String id) {
        if (!started.containsKey(id)) {
            return this;
        }
        Map<String, Instant> next = new LinkedHashMap<>(started);
        next.remove(id);
        return new DayNotes(runs, revoked, resetAt, next);
    }
}
