package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
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

    public static final Completions NONE = new Completions(PackedIds.EMPTY, Map.of(), Map.of());

    private final PackedIds ids;
    private final Map<String, JsonNode> results;
    private final Map<String, LastFailure> failures; // of ids not completed

    private Completions(PackedIds ids, Map<String, JsonNode> results, Map<String, LastFailure> failures) {
        this.ids = ids;
        this.results = results;
        this.failures = failures;
    }

    public static Completions of(DayState day) {
        Map<String, LastFailure> failed = Map.of();
        if (!day.failures().isEmpty()) {
            Map<String, LastFailure> open = new HashMap<>(day.failures());
            open.keySet().removeAll(day.completed());
            failed = Map.copyOf(open);
        }
        if (day.completed().isEmpty() && failed.isEmpty()) {
            return NONE;
        }
        return new Completions(PackedIds.of(day.completed()), Map.copyOf(day.results()), failed);
    }

    public boolean isCompleted(CharSequence id) {
        return ids.contains(id);
    }

    /** The result recorded when {@code id} completed, or null when none was. */
    public JsonNode result(String id) {
        return results.get(id);
    }

    /** How {@code id} last failed today and how often it failed, or null when it did not fail or completed. */
    public LastFailure failure(String id) {
        return failures.isEmpty() ? null : failures.get(id);
    }

    /** Completed ids in the order they completed. */
    public List<String> completed() {
        return ids.toList();
    }

    /** These completions as they stand once {@code change} is applied. */
    public Completions with(Mutation change) {
        if (change instanceof Mutation.Failed failed) {
            return withFailed(failed);
        }
        if (!(change instanceof Mutation.Completed done) || ids.contains(done.id())) {
            return this;
        }
        Map<String, JsonNode> nextResults = results;
        if (done.result() != null) {
            nextResults = new HashMap<>(results);
            nextResults.put(done.id(), done.result());
            nextResults = Map.copyOf(nextResults);
        }
        return new Completions(ids.plus(done.id()), nextResults, without(failures, done.id()));
    }

    private Completions withFailed(Mutation.Failed failed) {
        if (ids.contains(failed.id())) {
            return this;
        }
        LastFailure before = failures.get(failed.id());
        Map<String, LastFailure> next = new HashMap<>(failures);
        next.put(failed.id(), new LastFailure(failed.exception(), failed.message(), failed.at(),
                before == null ? 1 : before.attempts() + 1, failed.maxAttempts()));
        return new Completions(ids, results, Map.copyOf(next));
    }

    private static Map<String, LastFailure> without(Map<String, LastFailure> failures, String id) {
        if (!failures.containsKey(id)) {
            return failures;
        }
        Map<String, LastFailure> next = new HashMap<>(failures);
        next.remove(id);
        return Map.copyOf(next);
    }

    /**
     * The union of these completions and {@code other}'s; on a result both record, this one's wins.
     * An id failed in both counts the larger number of attempts: the two views share their past.
     */
    public Completions plus(Completions other) {
        if (other.ids.size() == 0 && other.failures.isEmpty()) {
            return this;
        }
        if (ids.size() == 0 && failures.isEmpty()) {
            return other;
        }
        PackedIds union = ids;
        Map<String, JsonNode> unionResults = new HashMap<>(other.results);
        unionResults.putAll(results);
        for (String id : other.ids.toList()) {
            if (!union.contains(id)) {
                union = union.plus(id);
            }
        }
        Map<String, LastFailure> unionFailures = new HashMap<>(other.failures);
        failures.forEach((id, failure) -> unionFailures.merge(id, failure,
                (theirs, ours) -> ours.attempts() >= theirs.attempts() ? ours : theirs));
        for (String id : union.toList()) {
            unionFailures.remove(id);
        }
        return new Completions(union, Map.copyOf(unionResults), Map.copyOf(unionFailures));
    }

    @Override
    public String toString() {
        return failures.isEmpty() ? "completed=" + ids : "completed=" + ids + " failed=" + failures.keySet();
    }
}
