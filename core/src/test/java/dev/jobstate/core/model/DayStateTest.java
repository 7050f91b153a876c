package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayStateTest {

    private static final DayKey KEY = new DayKey("user@email.com", "daily-set", LocalDate.parse("2025-09-20"));
    private static final Instant T0 = Instant.parse("2025-09-20T10:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static DayState apply(DayState state, Mutation... changes) {
        for (Mutation change : changes) {
            state = change.applyTo(state);
        }
        return state;
    }

    private static Mutation.Completed done(String id, int minute, JsonNode result) {
        return new Mutation.Completed(id, at(minute), 100L * (minute + 1), result);
    }

    private static Mutation.Failed failed(String id, int minute, String message) {
        return new Mutation.Failed(id, at(minute), "java.io.IOException", message);
    }

    @Test
    void aRetrysStartAtTheInstantItsFailedAttemptBeganIsRecorded() {
        // A body that failed at once (0 ms) and a clock that did not move before the retry: the
        // retry's start carries the instant the failed attempt began, and must be on disk all the same.
        DayState day = apply(DayState.empty(KEY), new Mutation.Started("pay", T0),
                new Mutation.Failed("pay", T0, "java.io.IOException", "timeout", 0),
                new Mutation.Started("pay", T0));
        assertEquals(T0, day.notes().started().get("pay"));
    }

    @Test
    void aStartIsVoidedByAnOutcomeOfARunThatBeganAfterIt() {
        DayState day = apply(DayState.empty(KEY), new Mutation.Failed("pay", at(5), "E", "later", 0),
                new Mutation.Started("pay", at(1)));
        assertEquals(null, day.notes().started().get("pay"));
    }

    @Test
    void anEmptyDayHasNothingDoneNothingToDoAndNoLastUpdate() {
        DayState day = DayState.empty(KEY);

        assertEquals(KEY, day.key());
        assertEquals(List.of(), day.completed());
        assertEquals(List.of(), day.remaining());
        assertNull(day.lastUpdate());
        assertFalse(day.isCompleted("quiz-1"));
    }

    @Test
    void completingAppendsInCompletionOrderAndSetsLastUpdate() {
        DayState day = apply(DayState.empty(KEY), done("quiz-2", 1, null), done("check-in", 2, null),
                done("quiz-1", 3, null));

        assertEquals(List.of("quiz-2", "check-in", "quiz-1"), day.completed());
        assertTrue(day.isCompleted("check-in"));
        assertEquals(at(3), day.lastUpdate());
    }

    @Test
    void completingTwiceKeepsOneEntryAndTheFirstDuration() {
        DayState day = apply(DayState.empty(KEY), done("quiz-1", 1, null), done("quiz-1", 5, null));

        assertEquals(List.of("quiz-1"), day.completed());
        assertEquals(Map.of("quiz-1", 200L), day.durations());
    }

    @Test
    void theFirstRecordedResultWins() {
        DayState day = apply(DayState.empty(KEY), done("quiz-1", 1, IntNode.valueOf(10)),
                done("quiz-1", 2, IntNode.valueOf(20)));

        assertEquals(IntNode.valueOf(10), day.result("quiz-1"));
    }

    @Test
    void aLaterResultIsRecordedWhenTheFirstCompletionHadNone() {
        DayState day = apply(DayState.empty(KEY), done("quiz-1", 1, null), done("quiz-1", 2, TextNode.valueOf("ok")));

        assertEquals(TextNode.valueOf("ok"), day.result("quiz-1"));
    }

    @Test
    void aRecordedNullIsAResultDistinctFromNoResult() {
        DayState day = apply(DayState.empty(KEY), done("with-null", 1, NullNode.getInstance()),
                done("without", 2, null));

        assertTrue(day.hasResult("with-null"));
        assertEquals(NullNode.getInstance(), day.result("with-null"));
        assertFalse(day.hasResult("without"));
        assertNull(day.result("without"));
    }

    @Test
    void aFailureLeavesTheIdRemainingOnceAndCountsAttempts() {
        DayState day = apply(DayState.empty(KEY), failed("quiz-2", 1, "timeout"), failed("quiz-2", 2, "refused"));

        assertEquals(List.of("quiz-2"), day.remaining());
        assertFalse(day.isCompleted("quiz-2"));
        assertEquals(new LastFailure("java.io.IOException", "refused", at(2), 2), day.failures().get("quiz-2"));
        assertEquals(at(2), day.lastUpdate());
    }

    @Test
    void aFailureNeverMarksAnActivityDone() {
        DayState day = apply(DayState.empty(KEY), failed("quiz-2", 1, null));

        assertEquals(List.of(), day.completed());
        assertNull(day.failures().get("quiz-2").message());
    }

    @Test
    void succeedingAfterFailingMovesTheIdFromRemainingToCompleted() {
        DayState day = apply(DayState.empty(KEY), failed("quiz-2", 1, "x"), failed("poll", 2, "y"),
                done("quiz-2", 3, null));

        assertEquals(List.of("quiz-2"), day.completed());
        assertEquals(List.of("poll"), day.remaining());
    }

    @Test
    void aFailureAfterCompletionNeverUndoesIt() {
        DayState day = apply(DayState.empty(KEY), done("quiz-1", 1, null), failed("quiz-1", 2, "late"));

        assertEquals(List.of("quiz-1"), day.completed());
        assertEquals(List.of(), day.remaining());
        assertTrue(day.isCompleted("quiz-1"));
    }

    @Test
    void lastUpdateNeverGoesBackwards() {
        DayState day = apply(DayState.empty(KEY), done("late", 10, null), done("early", 1, null),
                failed("earlier", 0, "x"));

        assertEquals(at(10), day.lastUpdate());
    }

    @Test
    void mutationsDoNotChangeTheStateTheyAreAppliedTo() {
        DayState before = apply(DayState.empty(KEY), done("a", 1, null));

        DayState after = apply(before, done("b", 2, IntNode.valueOf(1)), failed("c", 3, "x"));

        assertEquals(List.of("a"), before.completed());
        assertEquals(List.of(), before.remaining());
        assertTrue(before.results().isEmpty());
        assertTrue(before.failures().isEmpty());
        assertEquals(List.of("a", "b"), after.completed());
        assertEquals(List.of("c"), after.remaining());
    }

    @Test
    void itsCollectionsCannotBeModifiedFromOutside() {
        DayState day = apply(DayState.empty(KEY), done("a", 1, IntNode.valueOf(1)), failed("b", 2, "x"));

        assertThrows(UnsupportedOperationException.class, () -> day.completed().add("z"));
        assertThrows(UnsupportedOperationException.class, () -> day.remaining().add("z"));
        assertThrows(UnsupportedOperationException.class, () -> day.results().clear());
        assertThrows(UnsupportedOperationException.class, () -> day.failures().clear());
        assertThrows(UnsupportedOperationException.class, () -> day.durations().clear());
    }

    @Test
    void readingAFileDropsDuplicatesAndCountsAnIdBothDoneAndToDoAsDone() {
        DayState day = DayState.of(KEY, List.of("a", "b", "a"), List.of("c", "b", "c"), at(1),
                Map.of(), Map.of(), Map.of());

        assertEquals(List.of("a", "b"), day.completed());
        assertEquals(List.of("c"), day.remaining());
    }

    @Test
    void aStateReadFromAFileKeepsGrowingFromWhereItWas() {
        DayState read = DayState.of(KEY, List.of("a"), List.of("b"), at(1), Map.of("a", IntNode.valueOf(1)),
                Map.of("b", new LastFailure("E", "m", at(1), 3)), Map.of("a", 5L));

        DayState day = apply(read, failed("b", 2, "again"), done("a", 3, IntNode.valueOf(2)));

        assertEquals(4, day.failures().get("b").attempts());
        assertEquals(IntNode.valueOf(1), day.result("a"));
        assertEquals(Map.of("a", 5L), day.durations());
        assertEquals(List.of("a"), day.completed());
    }

    // --- caps on failed attempts ------------------------------------------------------------------

    private static Mutation.Failed failedCapped(String id, int minute, int cap) {
        return new Mutation.Failed(id, at(minute), "java.io.IOException", "timeout", 100, cap);
    }

    @Test
    void aFailureCarriesTheCapItFailedUnderAndGivesUpOnReachingIt() {
        DayState once = apply(DayState.empty(KEY), failedCapped("quiz-2", 1, 2));
        DayState twice = apply(once, failedCapped("quiz-2", 2, 2));

        assertEquals(new LastFailure("java.io.IOException", "timeout", at(1), 1, 2), once.failures().get("quiz-2"));
        assertFalse(once.failures().get("quiz-2").gaveUp());
        assertEquals(new LastFailure("java.io.IOException", "timeout", at(2), 2, 2), twice.failures().get("quiz-2"));
        assertTrue(twice.failures().get("quiz-2").gaveUp());
    }

    @Test
    void theLatestFailuresCapIsTheOneKept() {
        DayState day = apply(DayState.empty(KEY), failedCapped("quiz-2", 1, 2), failedCapped("quiz-2", 2, 5));

        assertEquals(5, day.failures().get("quiz-2").maxAttempts(), "a bot whose annotation changed");
        assertFalse(day.failures().get("quiz-2").gaveUp());
    }

    @Test
    void withoutACapNothingIsGivenUpOn() {
        DayState day = apply(DayState.empty(KEY), failed("quiz-2", 1, "a"), failed("quiz-2", 2, "b"),
                failed("quiz-2", 3, "c"));

        assertEquals(0, day.failures().get("quiz-2").maxAttempts());
        assertFalse(day.failures().get("quiz-2").gaveUp());
    }

    @Test
    void unmarkingAFailedActivityForgetsItsFailuresAndLeavesItToDo() {
        DayState gaveUp = apply(DayState.empty(KEY), failedCapped("quiz-2", 1, 2), failedCapped("quiz-2", 2, 2),
                failed("poll", 3, "other"));

        DayState unmarked = apply(gaveUp, new Mutation.Unmarked("quiz-2", at(4)));

        assertNull(unmarked.failures().get("quiz-2"));
        assertEquals(List.of("quiz-2", "poll"), unmarked.remaining());
        assertEquals(List.of("poll"), List.copyOf(unmarked.failures().keySet()), "other failures stay");
        DayState failsAgain = apply(unmarked, failedCapped("quiz-2", 5, 2));
        assertEquals(1, failsAgain.failures().get("quiz-2").attempts(), "its attempts start afresh");
    }

    @Test
    void unmarkingACompletedActivityDropsTheFailuresBeforeItsSuccess() {
        DayState day = apply(DayState.empty(KEY), failed("quiz-2", 1, "flaky"), done("quiz-2", 2, null),
                new Mutation.Unmarked("quiz-2", at(3)));

        assertEquals(Map.of(), day.failures());
        assertEquals(List.of("quiz-2"), day.remaining());
    }

    @Test
    void aFailureFromBeforeTheUnmarkDoesNotBringTheAttemptsBack() {
        DayState day = apply(DayState.empty(KEY), failedCapped("quiz-2", 1, 2), failedCapped("quiz-2", 2, 2),
                new Mutation.Unmarked("quiz-2", at(4)), failedCapped("quiz-2", 3, 2));

        assertNull(day.failures().get("quiz-2"), "a bot's late save of an attempt the operator forgave");
    }

    @Test
    void aDayKeyNeedsAllThreeParts() {
        LocalDate date = LocalDate.parse("2025-09-20");
        assertThrows(NullPointerException.class, () -> new DayKey(null, "t", date));
        assertThrows(NullPointerException.class, () -> new DayKey("a", null, date));
        assertThrows(NullPointerException.class, () -> new DayKey("a", "t", null));
    }
}
