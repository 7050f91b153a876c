package dev.jobstate.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What deciding to skip needs of a day, and all a store keeps of it in memory: which ids completed,
 * and the results recorded for those that returned one. The rest of a {@link DayState} (durations,
 * failures, what remains) lives in its file and is read when the file is next written, so memory per
 * account-day stays near the bytes of its ids however much the file records.
 */
public final class Completions {

    public static final Completions NONE = new Completions(PackedIds.EMPTY, Map.of());

    private final PackedIds ids;
    private final Map<String, JsonNode> results;

    private Completions(PackedIds ids, Map<String, JsonNode> results) {
        this.ids = ids;
        this.results = results;
    }

    public static Completions of(DayState day) {
        if (day.completed().isEmpty()) {
            return NONE;
        }
        return new Completions(PackedIds.of(day.completed()), Map.copyOf(day.results()));
    }

    public boolean isCompleted(CharSequence id) {
        return ids.contains(id);
    }

    /** The result recorded when {@code id} completed, or null when none was. */
    public JsonNode result(String id) {
        return results.get(id);
    }

    /** Completed ids in the order they completed. */
    public List<String> completed() {
        return ids.toList();
    }

    /** These completions as they stand once {@code change} is applied (a failure changes nothing here). */
    public Completions with(Mutation change) {
        if (!(change instanceof Mutation.Completed done) || ids.contains(done.id())) {
            return this;
        }
        Map<String, JsonNode> nextResults = results;
        if (done.result() != null) {
            nextResults = new HashMap<>(results);
            nextResults.put(done.id(), done.result());
            nextResults = Map.copyOf(nextResults);
        }
        return new Completions(ids.plus(done.id()), nextResults);
    }

    /** The union of these completions and {@code other}'s; on a result both record, this one's wins. */
    public Completions plus(Completions other) {
        if (other.ids.size() == 0) {
            return this;
        }
        if (ids.size() == 0) {
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
        return new Completions(union, Map.copyOf(unionResults));
    }

    @Override
    public String toString() {
        return "completed=" + ids;
    }
}
