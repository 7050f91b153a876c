package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Completions#updated} gives what {@link Completions#of} gives of the same day, over random
 * runs of checkpoints and an operator's word, in batches as a group commit writes them.
 */
class CompletionsUpdatedTest {

    private static final DayKey KEY = new DayKey("a@x", "t", LocalDate.parse("2026-03-01"));

    @Test
    void answersAsTheWholeDayWouldOverRandomChanges() {
        Random random = new Random(42);
        int updates = 0;
        for (int run = 0; run < 200; run++) {
            List<String> ids = new ArrayList<>();
            DayState day = DayState.empty(KEY);
            if (run % 4 == 1) { // a hand-edited file: results of ids not completed, out of order
                ids.addAll(List.of("id-0", "id-1", "id-2"));
                day = DayState.of(KEY, List.of("id-2", "id-0"), List.of(), null, Map.of("id-0", IntNode.valueOf(0),
                        "id-1", IntNode.valueOf(1), "id-2", TextNode.valueOf("two")), Map.of(), Map.of());
            }
            Completions known = Completions.of(day);
            Instant now = Instant.parse("2026-03-01T08:00:00Z");
            for (int step = 0; step < 60; step++) {
                List<Mutation> batch = new ArrayList<>();
                for (int n = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1; n > 0; n--) {
                    now = now.plusMillis(random.nextInt(5) == 0 ? -random.nextInt(2000) : random.nextInt(3000));
                    batch.add(change(random, ids, now));
                }
                DayState next = day;
                for (Mutation change : batch) {
                    next = change.applyTo(next);
                }
                Completions updated = known.updated(next, batch);
                check(Completions.of(next), updated, ids);
                updates++;
                day = next;
                known = updated;
            }
        }
        assertTrue(updates > 10_000, updates + " updates");
    }

    private static void check(Completions expected, Completions actual, List<String> ids) {
        assertEquals(expected.completed(), actual.completed());
        for (String id : ids) {
            assertEquals(expected.isCompleted(id), actual.isCompleted(id), id);
            assertEquals(expected.result(id), actual.result(id), id);
            assertEquals(expected.failure(id), actual.failure(id), id);
            assertEquals(expected.startedAt(id), actual.startedAt(id), id);
        }
    }

    private static Mutation change(Random random, List<String> ids, Instant now) {
        String id;
        if (ids.isEmpty() || random.nextInt(3) == 0) {
            id = "id-" + ids.size();
            ids.add(id);
        } else {
            id = ids.get(random.nextInt(ids.size()));
        }
        int kind = random.nextInt(20);
        if (kind < 10) {
            return new Mutation.Completed(id, now, random.nextInt(100), random.nextInt(3) == 0 ? null
                    : random.nextBoolean() ? IntNode.valueOf(random.nextInt(5)) : TextNode.valueOf("r" + kind));
        }
        if (kind < 15) {
            return new Mutation.Failed(id, now, "java.io.IOException", "m", 10, random.nextInt(3));
        }
        if (kind < 17) {
            return new Mutation.Started(id, now);
        }
        return kind == 17 ? new Mutation.Marked(id, now) : new Mutation.Unmarked(id, now);
    }
}
