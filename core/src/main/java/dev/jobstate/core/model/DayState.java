package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one account did of one type on one date: the content of one state file.
 *
 * <p>Immutable; every change returns a new state, so readers can hold a state while a writer works
 * on the next one. {@code completed} only grows, except by an operator's
 * {@link Mutation.Unmarked}, which {@link DayNotes} remembers so that merges respect it.
 */
public final class DayState {

    private final DayKey key;
    private final AppendOnlyMap<Boolean> completed; // its keys, in the order they completed
    private final Set<String> remaining;
    private final Instant lastUpdate;
    private final Map<String, JsonNode> results;
    private final Map<String, LastFailure> failures;
    private final Map<String, Long> durations;
    private final DayNotes notes;

    private DayState(DayKey key, AppendOnlyMap<Boolean> completed, Set<String> remaining, Instant lastUpdate,
                     Map<String, JsonNode> results, Map<String, LastFailure> failures,
                     Map<String, Long> durations, DayNotes notes) {
        this.key = key;
        this.completed = completed;
        this.remaining = remaining;
        this.lastUpdate = lastUpdate;
        this.results = results;
        this.failures = failures;
        this.durations = durations;
        this.notes = notes;
    }

    public static DayState empty(DayKey key) {
        return new DayState(key, AppendOnlyMap.empty(), Set.of(), null, Map.of(), Map.of(), Map.of(),
                DayNotes.EMPTY);
    }

    /**
     * A state as read from a file. Duplicates are dropped; an id both completed and remaining
     * counts as completed.
     */
    public static DayState of(DayKey key, Collection<String> completed, Collection<String> remaining,
                              Instant lastUpdate, Map<String, JsonNode> results,
                              Map<String, LastFailure> failures, Map<String, Long> durations) {
        return of(key, completed, remaining, lastUpdate, results, failures, durations, DayNotes.EMPTY);
    }

    /** A state as read from a file that also carries {@link DayNotes}. */
    public static DayState of(DayKey key, Collection<String> completed, Collection<String> remaining,
                              Instant lastUpdate, Map<String, JsonNode> results,
                              Map<String, LastFailure> failures, Map<String, Long> durations,
                              DayNotes notes) {
        Set<String> done = new LinkedHashSet<>(completed);
        Set<String> todo = new LinkedHashSet<>(remaining);
        todo.removeAll(done);
        return new DayState(key, AppendOnlyMap.ofKeys(done, Boolean.TRUE), frozen(todo), lastUpdate,
                AppendOnlyMap.from(results), frozen(new LinkedHashMap<>(failures)),
                AppendOnlyMap.from(durations), notes);
    }

    public DayKey key() {
        return key;
    }

    public boolean isCompleted(String id) {
        return completed.containsKey(id);
    }

    /** Completed ids in the order they completed. */
    public List<String> completed() {
        return List.copyOf(completed.keySet());
    }

    public List<String> remaining() {
        return List.copyOf(remaining);
    }

    /** {@link #completed()} without a copy, for a writer that only iterates it (once per checkpoint). */
    public Set<String> completedIds() {
        return completed.keySet();
    }

    /** {@link #remaining()} without a copy. */
    public Set<String> remainingIds() {
        return remaining;
    }

    /** Null for a day nothing was written for yet. */
    public Instant lastUpdate() {
        return lastUpdate;
    }

    public boolean hasResult(String id) {
        return results.containsKey(id);
    }

    /** The result recorded when {@code id} completed, or null when none was. */
    public JsonNode result(String id) {
        return results.get(id);
    }

    public Map<String, JsonNode> results() {
        return results;
    }

    public Map<String, LastFailure> failures() {
        return failures;
    }

    public Map<String, Long> durations() {
        return durations;
    }

    /** Starts, attempts and the operator's word on this day. */
    public DayNotes notes() {
        return notes;
    }

    DayState withCompleted(Mutation.Completed done) {
        if (notes.voids(done.id(), done.at())) {
            return this;
        }
        AppendOnlyMap<Boolean> nextCompleted = completed;
        Map<String, JsonNode> nextResults = results;
        Map<String, Long> nextDurations = durations;
        if (!completed.containsKey(done.id())) {
            nextCompleted = completed.with(done.id(), Boolean.TRUE);
            nextDurations = with(durations, done.id(), done.durationMillis());
        }
        // The first recorded result wins: it is the one earlier skips have already replayed.
        if (done.result() != null && !results.containsKey(done.id())) {
            nextResults = with(results, done.id(), done.result());
        }
        Set<String> nextRemaining = remaining;
        if (remaining.contains(done.id())) {
            nextRemaining = new LinkedHashSet<>(remaining);
            nextRemaining.remove(done.id());
            nextRemaining = frozen(nextRemaining);
        }
        DayNotes nextNotes = notes.attempted(done.id(), done.at().minusMillis(Math.max(0, done.durationMillis())));
        return new DayState(key, nextCompleted, nextRemaining, latest(done.at()), nextResults,
                failures, nextDurations, nextNotes);
    }

    DayState withFailed(Mutation.Failed failed) {
        if (notes.voids(failed.id(), failed.at())) {
            return this;
        }
        LastFailure before = failures.get(failed.id());
        int attempts = before == null ? 1 : before.attempts() + 1;
        LastFailure now = new LastFailure(failed.exception(), failed.message(), failed.at(), attempts,
                failed.maxAttempts());
        Set<String> nextRemaining = remaining;
        if (!completed.containsKey(failed.id()) && !remaining.contains(failed.id())) {
            nextRemaining = appended(remaining, failed.id());
        }
        DayNotes nextNotes = notes.attempted(failed.id(),
                failed.at().minusMillis(Math.max(0, failed.durationMillis())));
        return new DayState(key, completed, nextRemaining, latest(failed.at()), results,
                with(failures, failed.id(), now), durations, nextNotes);
    }

    /**
     * A once activity's start; an outcome of a run that began after it, or an operator's word, stands.
     * Strictly after: a retry's start can carry the very instant the failed attempt before it began
     * (a coarse or stopped clock, a body that failed at once), and that start must still be recorded.
     */
    DayState withStarted(Mutation.Started started) {
        String id = started.id();
        DayNotes.RunInfo run = notes.runs().get(id);
        boolean outcomeSince = run != null && run.lastStart().isAfter(started.at());
        if (completed.containsKey(id) || notes.voids(id, started.at()) || outcomeSince) {
            return this;
        }
        Set<String> nextRemaining = remaining.contains(id) ? remaining : appended(remaining, id);
        return new DayState(key, completed, nextRemaining, latest(started.at()), results, failures, durations,
                notes.start(id, started.at()));
    }

    DayState withMarked(Mutation.Marked marked) {
        if (completed.containsKey(marked.id())) {
            return this;
        }
        Set<String> nextRemaining = new LinkedHashSet<>(remaining);
        nextRemaining.remove(marked.id());
        return new DayState(key, completed.with(marked.id(), Boolean.TRUE), frozen(nextRemaining),
                latest(marked.at()), results, failures, durations, notes.settled(marked.id()));
    }

    /** The one way an id leaves {@code completed}: an operator's unmark, recorded so merges respect it. */
    DayState withUnmarked(Mutation.Unmarked unmarked) {
        String id = unmarked.id();
        Set<String> nextRemaining = remaining.contains(id) ? remaining : appended(remaining, id);
        Map<String, JsonNode> nextResults = new LinkedHashMap<>(results);
        nextResults.remove(id);
        Map<String, Long> nextDurations = new LinkedHashMap<>(durations);
        nextDurations.remove(id);
        Map<String, LastFailure> nextFailures = failures;
        if (failures.containsKey(id)) {
            nextFailures = new LinkedHashMap<>(failures);
            nextFailures.remove(id);
            nextFailures = frozen(nextFailures);
        }
        return new DayState(key, completed.without(id), nextRemaining, latest(unmarked.at()),
                frozen(nextResults), nextFailures, frozen(nextDurations), notes.revoke(id, unmarked.at()));
    }

    /** A fresh day that remembers it was reset at {@code at}, so stale outcomes stay out of it. */
    public static DayState reset(DayKey key, Instant at) {
        return new DayState(key, AppendOnlyMap.empty(), Set.of(), at, Map.of(), Map.of(), Map.of(),
                new DayNotes(Map.of(), Map.of(), at));
    }

    private Instant latest(Instant at) {
        return lastUpdate == null || at.isAfter(lastUpdate) ? at : lastUpdate;
    }

    private static Set<String> appended(Set<String> set, String id) {
        Set<String> copy = new LinkedHashSet<>(set);
        copy.add(id);
        return frozen(copy);
    }

    /** Adding an id shares the map's arrays instead of copying them (AppendOnlyMap). */
    private static <V> Map<String, V> with(Map<String, V> map, String id, V value) {
        return AppendOnlyMap.from(map).with(id, value);
    }

    private static <T> Set<T> frozen(Set<T> set) {
        return Collections.unmodifiableSet(set);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return key + " completed=" + completed.keySet() + " remaining=" + remaining;
    }
}
