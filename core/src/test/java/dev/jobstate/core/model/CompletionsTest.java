package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a store keeps of a day in memory, failures included: the failures of ids not completed, how
 * often each failed and under which cap, which is all a capped activity needs to be refused.
 */
class CompletionsTest {

    private static final DayKey KEY = new DayKey("user@email.com", "daily-set", LocalDate.parse("2025-09-20"));
    private static final Instant T0 = Instant.parse("2025-09-20T10:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static Mutation.Failed failed(String id, int minute, int cap) {
        return new Mutation.Failed(id, at(minute), "java.io.IOException", "timeout " + minute, 100, cap);
    }

    private static Completions apply(Completions day, Mutation... changes) {
        for (Mutation change : changes) {
            day = day.with(change);
        }
        return day;
    }

    @Test
    void failuresCountTheirAttemptsAndKeepTheLastOnesDetailsAndCap() {
        Completions day = apply(Completions.NONE, failed("quiz-2", 1, 3), failed("quiz-2", 2, 3));

        assertEquals(new LastFailure("java.io.IOException", "timeout 2", at(2), 2, 3), day.failure("quiz-2"));
        assertNull(day.failure("poll"));
        assertEquals(List.of(), day.completed());
    }

    @Test
    void aCompletionForgetsTheIdsFailures() {
        Completions day = apply(Completions.NONE, failed("quiz-2", 1, 3),
                new Mutation.Completed("quiz-2", at(2), 5, IntNode.valueOf(7)));

        assertNull(day.failure("quiz-2"));
        assertTrue(day.isCompleted("quiz-2"));
    }

    @Test
    void aFailureOfACompletedIdChangesNothing() {
        Completions done = apply(Completions.NONE, new Mutation.Completed("quiz-2", at(1), 5, null));

        assertSame(done, done.with(failed("quiz-2", 2, 3)));
    }

    @Test
    void ofADayKeepsTheFailuresOfIdsNotCompletedOnly() {
        DayState state = DayState.of(KEY, List.of("quiz-1"), List.of("quiz-2"), at(3), Map.of(),
                Map.of("quiz-1", new LastFailure("E", "before it worked", at(1), 1, 3),
                        "quiz-2", new LastFailure("E", "still down", at(2), 3, 3)),
                Map.of());

        Completions day = Completions.of(state);

        assertNull(day.failure("quiz-1"));
        assertEquals(new LastFailure("E", "still down", at(2), 3, 3), day.failure("quiz-2"));
        assertTrue(day.failure("quiz-2").gaveUp());
    }

    @Test
    void aDayWithOnlyFailuresIsNotEmpty() {
        DayState state = DayState.of(KEY, List.of(), List.of("quiz-2"), at(3), Map.of(),
                Map.of("quiz-2", new LastFailure("E", null, at(2), 1, 0)), Map.of());

        Completions day = Completions.of(state);

        assertEquals(1, day.failure("quiz-2").attempts());
        assertSame(Completions.NONE, Completions.of(DayState.empty(KEY)));
    }

    @Test
    void plusKeepsTheLargerCountOfAnIdFailedInBoth() {
        Completions ours = apply(Completions.NONE, failed("quiz-2", 1, 3), failed("quiz-2", 2, 3));
        Completions theirs = apply(Completions.NONE, failed("quiz-2", 1, 3), failed("poll", 3, 0));

        Completions union = ours.plus(theirs);

        assertEquals(2, union.failure("quiz-2").attempts());
        assertEquals("timeout 2", union.failure("quiz-2").message());
        assertEquals(1, union.failure("poll").attempts());
        assertEquals(2, theirs.plus(ours).failure("quiz-2").attempts(), "whichever side has it");
    }

    @Test
    void plusDropsTheFailuresOfAnIdCompletedOnEitherSide() {
        Completions failed = apply(Completions.NONE, failed("quiz-2", 1, 3));
        Completions done = apply(Completions.NONE, new Mutation.Completed("quiz-2", at(2), 5, null));

        assertNull(failed.plus(done).failure("quiz-2"));
        assertNull(done.plus(failed).failure("quiz-2"));
        assertTrue(failed.plus(done).isCompleted("quiz-2"));
    }

    @Test
    void plusWithOnlyFailuresOnOneSideKeepsThem() {
        Completions failed = apply(Completions.NONE, failed("quiz-2", 1, 3));

        assertSame(failed, failed.plus(Completions.NONE));
        assertSame(failed, Completions.NONE.plus(failed));
    }
}
