package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What deciding to skip needs of a day, and all a store keeps of it in memory: which ids completed,
 * the results recorded for those that returned one, and how the ids not completed failed (what a
 * cap on attempts needs). The rest of a {@link DayState} (durations, runs, what remains) lives in its
 * file and is read when the file is next written, so memory per account-day stays near the bytes of
 * its ids however much the file records.
 */
public final class Completions {

    public static final Completions NONE = new Completions(PackedIds.EMPTY, IdResults.NONE, Map.of(), Map.of());

    private final PackedIds ids;
    private final IdResults results; // read with ids
    private final Map<String, LastFailure> failures; // of ids not completed
    private final Map<String, Instant> started; // once activities started without an outcome since

    private Completions(PackedIds ids, IdResults results, Map<String, LastFailure> failures,
                        Map<String, Instant> started) {
        this.ids = ids;
        this.results = results;
        this.failures = failures;
        this.started = started;
    }

    public static Completions of(DayState day) {
        Map<String, LastFailure> failed = Map.of();
        if (!day.failures().isEmpty()) {
            Map<String, LastFailure> open = new HashMap<>(day.failures());
            open.keySet().removeAll(day.completedIds());
            failed = Map.copyOf(open);
        }
        Map<String, Instant> started = day.notes().started();
        if (day.completedIds().isEmpty() && failed.isEmpty() && started.isEmpty()) {
            return NONE;
        }
        PackedIds ids = PackedIds.of(day.completedIds());
        return new Completions(ids, IdResults.of(ids, day.results()), failed, Map.copyOf(started));
    }

    /**
     * {@link #of} of {@code day}, from these completions of the day {@code changes} were applied to
     * in order to make it: what each change's id has become in {@code day} replaces what these held
     * of it. Each change touches only its own id (DayState), so the rest stands; an operator's unmark
     * among the changes (an id leaves {@code completed}, perhaps to come back at its end) starts from
     * the whole day instead. A checkpoint into a day of hundreds thus adds one id instead of packing
     * them all again.
     */
    public Completions updated(DayState day, List<Mutation> changes) {
        boolean grew = false;
        for (Mutation change : changes) {
            if (change instanceof Mutation.Unmarked) {
                return of(day); // it left the completed ids, perhaps to come back at their end
            }
            grew |= !ids.contains(change.id()) && day.isCompleted(change.id());
        }
        PackedIds nextIds = ids;
        if (grew) { // added in the order they completed, which only the day knows
            int known = ids.size();
            int i = 0;
            for (String id : day.completedIds()) {
                if (i++ >= known) {
                    nextIds = nextIds.plus(id);
                }
            }
        }
        if (nextIds.size() != day.completedIds().size()) {
            return of(day); // not what these completions were of: start again from the day
        }
        IdResults nextResults = results;
        Map<String, LastFailure> nextFailures = failures;
        Map<String, Instant> nextStarted = started;
        for (Mutation change : changes) {
            String id = change.id();
            boolean done = day.isCompleted(id);
            JsonNode result = day.result(id);
            JsonNode had = nextResults.get(nextIds, id);
            if (had != result && (result == null || !result.equals(had))) {
                nextResults = nextResults.with(nextIds, id, result);
            }
            nextFailures = withValue(nextFailures, id, done ? null : day.failures().get(id));
            nextStarted = withValue(nextStarted, id, day.notes().started().get(id));
        }
        if (nextIds.size() == 0 && nextFailures.isEmpty() && nextStarted.isEmpty()) {
            return NONE;
        }
        return new Completions(nextIds, nextResults, nextFailures, nextStarted);
    }

    /** {@code map} with {@code id} mapped to {@code value}, or without it for null; itself if so already. */
    private static <V> Map<String, V> withValue(Map<String, V> map, String id, V value) {
        V now = map.get(id);
        if (now == value || (value != null && value.equals(now))) {
            return map;
        }
        return value == null ? without(map, id) : withEntry(map, id, value);
    }

    public boolean isCompleted(CharSequence id) {
        return ids.contains(id);
    }

    /** The result recorded when {@code id} completed, or null when none was. */
    public JsonNode result(String id) {
        return results.get(ids, id);
    }

    /** How {@code id} last failed today and how often it failed, or null when it did not fail or completed. */
    public LastFailure failure(String id) {
        return failures.isEmpty() ? null : failures.get(id);
    }

    /**
     * When the {@code @Activity(once = true)} {@code id} started, if it has no outcome since: running,
     * or in doubt; else null.
     */
    public Instant startedAt(String id) {
        return started.isEmpty() ? null : started.get(id);
    }

    /** Completed ids in the order they completed. */
    public List<String> completed() {
        return ids.toList();
    }

    /** These completions as they stand once {@code change} is applied. */
    public Completions with(Mutation change) {
        if (change instanceof Mutation.Started start) {
            return ids.contains(start.id()) ? this
                    : new Completions(ids, results, failures, withEntry(started, start.id(), start.at()));
        }
        if (change instanceof Mutation.Failed failed) {
            return withFailed(failed);
        }
        if (!(change instanceof Mutation.Completed done) || ids.contains(done.id())) {
            return this;
        }
        PackedIds nextIds = ids.plus(done.id());
        IdResults nextResults = done.result() == null ? results : results.with(nextIds, done.id(), done.result());
        return new Completions(nextIds, nextResults, without(failures, done.id()), without(started, done.id()));
    }

    private Completions withFailed(Mutation.Failed failed) {
        if (ids.contains(failed.id())) {
            return this;
        }
        LastFailure before = failures.get(failed.id());
        Map<String, LastFailure> next = new HashMap<>(failures);
        next.put(failed.id(), new LastFailure(failed.exception(), failed.message(), failed.at(),
                before == null ? 1 : before.attempts() + 1, failed.maxAttempts()));
        return new Completions(ids, results, Map.copyOf(next), without(started, failed.id()));
    }

    private static <V> Map<String, V> without(Map<String, V> map, String id) {
        if (!map.containsKey(id)) {
            return map;
        }
        Map<String, V> next = new HashMap<>(map);
        next.remove(id);
        return Map.copyOf(next);
    }

    private static <V> Map<String, V> withEntry(Map<String, V> map, String id, V value) {
        Map<String, V> next = new HashMap<>(map);
        next.put(id, value);
        return Map.copyOf(next);
    }

    /**
     * The union of these completions and {@code other}'s; on a result both record, this one's wins.
     * An id failed in both counts the larger number of attempts: the two views share their past.
     */
    public Completions plus(Completions other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        PackedIds union = ids;
        Map<String, JsonNode> unionResults = new HashMap<>(other.results.toMap(other.ids));
        unionResults.putAll(results.toMap(ids));
        for (String id : other.ids.toList()) {
            if (!union.contains(id)) {
                union = union.plus(id);
            }
        }
        Map<String, LastFailure> unionFailures = new HashMap<>(other.failures);
        failures.forEach((id, failure) -> unionFailures.merge(id, failure,
                (theirs, ours) -> ours.attempts() >= theirs.attempts() ? ours : theirs));
        Map<String, Instant> unionStarted = new HashMap<>(other.started);
        started.forEach((id, at) -> unionStarted.merge(id, at, (theirs, ours) -> ours.isAfter(theirs) ? ours : theirs));
        for (String id : union.toList()) {
            unionFailures.remove(id);
            unionStarted.remove(id);
        }
        return new Completions(union, IdResults.of(union, unionResults), Map.copyOf(unionFailures),
                Map.copyOf(unionStarted));
    }

    private boolean isEmpty() {
        return ids.size() == 0 && failures.isEmpty() && started.isEmpty();
    }

    @Override
    public String toString() {
        return failures.isEmpty() ? "completed=" + ids : "completed=" + ids + " failed=" + failures.keySet();
    }
}
