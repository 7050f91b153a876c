package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jobstate.Activity;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The decide/skip/checkpoint protocol against a mocked store: {@code enter} hands back a
 * {@link Replay} to skip, a token to run, or null for an untracked call; {@code exit} checkpoints
 * how a tracked call ended and returns what the call returns.
 */
@ExtendWith(CleanThreadContext.class)
class ActivityEngineTest {

    record Offer(String offerId) {
    }

    static class Bot {
        @Activity(type = "daily-set", id = "quiz-{0.offerId}")
        int quiz(Offer offer) {
            return 10;
        }

        @Activity(type = "daily-set")
        void checkIn() {
        }

        @Activity(type = "daily-set")
        boolean flag() {
            return true;
        }

        @Activity(type = "daily-set")
        String text() {
            return "t";
        }

        @Activity(type = "daily-set")
        long aLong() {
            return 1;
        }

        @Activity(type = "daily-set")
        double aDouble() {
            return 1;
        }

        @Activity(type = "daily-set")
        char aChar() {
            return 'x';
        }

        @Activity(type = "daily-set")
        Object selfReferencing() {
            return null;
        }

        @Activity(type = "daily-set", id = "echo-{0}")
        String echo(Object value) {
            return "echo";
        }

        @Activity(type = "daily-set", id = "quiz-{3}")
        int badIndex(Offer offer) {
            return 0;
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final DayKey DAILY_SET = new DayKey("default", "daily-set", TODAY);
    private static final Object[] NO_ARGS = new Object[0];

    private StateStore store;
    private ActivityEngine engine;

    @BeforeEach
    void setUp() {
        store = mock(StateStore.class);
        engine = new ActivityEngine(config(), store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Completions completed(String id, JsonNode result) {
        return Completions.of(DayState.of(DAILY_SET, List.of(id), List.of(), NOW,
                result == null ? Map.of() : Map.of(id, result), Map.of(), Map.of()));
    }

    private void onDisk(Completions day) {
        when(store.read(any(), anyLong())).thenReturn(day);
    }

    private void nothingDoneYet() {
        when(store.read(any(), anyLong())).thenReturn(Completions.NONE);
        when(store.claim(any(), any())).thenReturn(Claim.Granted.UNLEASED);
    }

    private Mutation checkpointed() throws IOException {
        ArgumentCaptor<Mutation> change = ArgumentCaptor.forClass(Mutation.class);
        verify(store).checkpoint(any(), change.capture(), any());
        return change.getValue();
    }

    // --- skipping ------------------------------------------------------------------------------

    @Test
    void skipsACompletedActivityAndReplaysItsResult() throws IOException {
        onDisk(completed("quiz-o1", IntNode.valueOf(42)));

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        Replay replay = assertInstanceOf(Replay.class, token);
        assertEquals(42, replay.value());
        assertEquals(42, engine.exit(token, 0, null));
        verify(store, never()).claim(any(), any());
        verify(store, never()).checkpoint(any(), any(), any());
    }

    @Test
    void skipsWhatAnotherProcessCompletedSinceTheDayWasLoaded() {
        when(store.read(any(), anyLong())).thenReturn(Completions.NONE);
        when(store.claim(any(), any())).thenReturn(new Claim.Done(completed("quiz-o1", IntNode.valueOf(7))));

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertEquals(7, assertInstanceOf(Replay.class, token).value());
    }

    @Test
    void aSkippedVoidActivityReplaysNothing() {
        onDisk(completed("checkIn", null));

        Object token = engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS);

        assertNull(assertInstanceOf(Replay.class, token).value());
    }

    @Test
    void theIdOfAnActivityWithoutAnIdIsItsMethodName() {
        nothingDoneYet();
        engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS);

        verify(store).read(eq(DAILY_SET), anyLong());
        onDisk(completed("checkIn", null));
        assertInstanceOf(Replay.class, engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS));
    }

    @Test
    void anotherIdOfTheSameMethodIsNotSkipped() {
        when(store.read(any(), anyLong())).thenReturn(completed("quiz-o1", IntNode.valueOf(42)));
        when(store.claim(any(), eq("quiz-o2"))).thenReturn(Claim.Granted.UNLEASED);

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o2")});

        assertNotNull(token);
        assertFalse(token instanceof Replay, "quiz-o2 was not completed");
    }

    static Stream<Arguments> zeroes() {
        return Stream.of(Arguments.of("flag", false), Arguments.of("text", null), Arguments.of("aLong", 0L),
                Arguments.of("aDouble", 0d), Arguments.of("aChar", '\0'));
    }

    @ParameterizedTest
    @MethodSource("zeroes")
    void aCompletedActivityWithoutARecordedResultReplaysTheZeroOfItsType(String method, Object zero) {
        onDisk(completed(method, null));

        Object token = engine.enter(site(Bot.class, method), new Bot(), NO_ARGS);

        assertEquals(zero, assertInstanceOf(Replay.class, token).value());
    }

    @Test
    void aCompletedIntActivityWithoutARecordedResultReplaysZero() {
        onDisk(completed("quiz-o1", null));

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertEquals(0, assertInstanceOf(Replay.class, token).value());
    }

    @Test
    void aRecordedResultThatDoesNotReadBackAsTheReturnTypeIsNotReplayedButRunAgain() {
        onDisk(completed("quiz-o1", TextNode.valueOf("not a number")));
        when(store.claim(any(), any())).thenReturn(Claim.Granted.UNLEASED);

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertInstanceOf(Run.class, token, "a skip would return something other than what the body returned");
    }

    // --- running and checkpointing -------------------------------------------------------------

    @Test
    void runsAnActivityNotCompletedTodayAfterLookingAtTheFileAgain() {
        nothingDoneYet();

        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertNotNull(token);
        assertFalse(token instanceof Replay);
        DayKey key = new DayKey("default", "daily-set", TODAY);
        InOrder order = inOrder(store);
        order.verify(store).read(eq(key), anyLong());
        order.verify(store).claim(eq(key), eq("quiz-o1"));
    }

    @Test
    void checkpointsASuccessWithItsIdTimeAndResultBeforeReturningIt() throws IOException {
        nothingDoneYet();
        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        Object returned = engine.exit(token, 10, null);

        assertEquals(10, returned);
        ArgumentCaptor<DayKey> key = ArgumentCaptor.forClass(DayKey.class);
        ArgumentCaptor<Mutation> change = ArgumentCaptor.forClass(Mutation.class);
        verify(store).checkpoint(key.capture(), change.capture(), any());
        assertEquals(DAILY_SET, key.getValue());
        Mutation.Completed done = assertInstanceOf(Mutation.Completed.class, change.getValue());
        assertEquals("quiz-o1", done.id());
        assertEquals(NOW, done.at());
        assertEquals(IntNode.valueOf(10), done.result());
        assertTrue(done.durationMillis() >= 0);
    }

    @Test
    void aVoidActivityCompletesWithoutAResult() throws IOException {
        nothingDoneYet();
        Object token = engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS);

        assertNull(engine.exit(token, null, null));

        Mutation.Completed done = assertInstanceOf(Mutation.Completed.class, checkpointed());
        assertEquals("checkIn", done.id());
        assertNull(done.result());
    }

    @Test
    void aNullResultIsRecordedAsNullSoItStillSkipsLater() throws IOException {
        nothingDoneYet();
        Object token = engine.enter(site(Bot.class, "text"), new Bot(), NO_ARGS);

        assertNull(engine.exit(token, null, null));

        Mutation.Completed done = assertInstanceOf(Mutation.Completed.class, checkpointed());
        assertNotNull(done.result());
        assertTrue(done.result().isNull());
    }

    @Test
    void aFailureIsRecordedWithItsClassAndMessageAndIsNotMarkedDone() throws IOException {
        nothingDoneYet();
        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        Object returned = engine.exit(token, 0, new IllegalStateException("the quiz page did not load"));

        assertEquals(0, returned);
        Mutation.Failed failed = assertInstanceOf(Mutation.Failed.class, checkpointed());
        assertEquals("quiz-o1", failed.id());
        assertEquals(NOW, failed.at());
        assertEquals("java.lang.IllegalStateException", failed.exception());
        assertEquals("the quiz page did not load", failed.message());
    }

    @Test
    void aFailureWithoutAMessageIsRecordedWithANullMessage() throws IOException {
        nothingDoneYet();
        Object token = engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS);

        engine.exit(token, null, new StackOverflowError());

        Mutation.Failed failed = assertInstanceOf(Mutation.Failed.class, checkpointed());
        assertEquals("java.lang.StackOverflowError", failed.exception());
        assertNull(failed.message());
    }

    @Test
    void aCheckpointThatCannotBeSavedStillReturnsWhatTheBodyReturned() throws IOException {
        nothingDoneYet();
        doThrow(new IOException("disk full")).when(store).checkpoint(any(), any(), any());
        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertEquals(10, engine.exit(token, 10, null));
    }

    @Test
    void aStoreThatBreaksNeverThrowsIntoTheHost() throws IOException {
        nothingDoneYet();
        doThrow(new IllegalStateException("bug in the store")).when(store).checkpoint(any(), any(), any());
        Object token = engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")});

        assertEquals(10, engine.exit(token, 10, null));
    }

    @Test
    void aStoreThatCannotReadLeavesTheCallUntracked() {
        when(store.read(any(), anyLong())).thenThrow(new IllegalStateException("bug in the store"));

        assertNull(engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Offer("o1")}));
    }

    @Test
    void exitOfAnUntrackedCallReturnsWhatTheBodyReturnedAndSavesNothing() {
        assertEquals("value", engine.exit(null, "value", null));
        verifyNoInteractions(store);
    }

    @Test
    void aResultThatContainsItselfIsNotRecordedAsDoneSoTheCallRunsAgainNextTime() throws IOException {
        nothingDoneYet();
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        Object token = engine.enter(site(Bot.class, "selfReferencing"), new Bot(), NO_ARGS);

        assertSame(loop, engine.exit(token, loop, null));

        verify(store, never()).checkpoint(any(), any(), any());
    }

    static final class Node {
        public Node next;
        public String name = "n";
    }

    @Test
    void aResultWithACycleThroughAnotherObjectIsNotRecordedAsDone() throws IOException {
        nothingDoneYet();
        Node a = new Node();
        Node b = new Node();
        a.next = b;
        b.next = a;
        Object token = engine.enter(site(Bot.class, "selfReferencing"), new Bot(), NO_ARGS);

        assertSame(a, engine.exit(token, a, null));

        verify(store, never()).checkpoint(any(), any(), any());
    }

    @Test
    void aResultThatWouldNotReplayAsItselfIsNotRecordedAsDone() throws IOException {
        nothingDoneYet();
        Object opaque = new Object();
        Object token = engine.enter(site(Bot.class, "selfReferencing"), new Bot(), NO_ARGS);

        assertSame(opaque, engine.exit(token, opaque, null));

        verify(store, never()).checkpoint(any(), any(), any());
    }

    @Test
    void aResultTooLargeToRecordIsNotRecordedAsDone() throws IOException {
        nothingDoneYet();
        String huge = "x".repeat(ResultCodec.MAX_RESULT_BYTES + 1);
        Object token = engine.enter(site(Bot.class, "text"), new Bot(), NO_ARGS);

        assertSame(huge, engine.exit(token, huge, null));

        verify(store, never()).checkpoint(any(), any(), any());
    }

    // --- untracked calls -----------------------------------------------------------------------

    @Test
    void anUnusableTemplateLeavesEveryCallUntrackedWithoutTouchingTheStore() {
        ActivitySite site = site(Bot.class, "badIndex");

        assertNotNull(site.problem());
        assertNull(engine.enter(site, new Bot(), new Object[] {new Offer("o1")}));
        assertNull(engine.enter(site, new Bot(), new Object[] {new Offer("o1")}));
        verifyNoInteractions(store);
    }

    @Test
    void anIdThatCannotBeResolvedForThisCallLeavesItUntracked() {
        assertNull(engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {null}));
        verifyNoInteractions(store);
    }

    static final class Exploding {
        public String getOfferId() {
            throw new IllegalStateException("no offer id yet");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text either");
        }
    }

    @Test
    void anArgumentWhosePropertyThrowsLeavesTheCallUntracked() {
        assertNull(engine.enter(site(Bot.class, "quiz"), new Bot(), new Object[] {new Exploding()}));
        verifyNoInteractions(store);
    }

    @Test
    void anArgumentWhoseToStringThrowsLeavesTheCallUntracked() {
        assertNull(engine.enter(site(Bot.class, "echo"), new Bot(), new Object[] {new Exploding()}));
        verifyNoInteractions(store);
    }

    @Test
    void aMethodWithoutActivityHasNoSiteAndIsUntracked() {
        assertNull(engine.enter(null, new Bot(), NO_ARGS));
        verifyNoInteractions(store);
    }

    // --- dates ---------------------------------------------------------------------------------

    @Test
    void theDateIsTheLocalDateInTheConfiguredZoneSoTwoZonesGiveTwoDatesForOneInstant() {
        nothingDoneYet();
        Clock lateEvening = Clock.fixed(Instant.parse("2025-09-20T23:30:00Z"), ZoneOffset.UTC);
        ActivitySite checkIn = site(Bot.class, "checkIn");

        new ActivityEngine(config(ZoneId.of("UTC"), "default"), store, lateEvening).enter(checkIn, new Bot(), NO_ARGS);
        new ActivityEngine(config(ZoneId.of("Asia/Tokyo"), "default"), store, lateEvening)
                .enter(checkIn, new Bot(), NO_ARGS);
        new ActivityEngine(config(ZoneId.of("America/Los_Angeles"), "default"), store,
                Clock.fixed(Instant.parse("2025-09-21T03:00:00Z"), ZoneOffset.UTC)).enter(checkIn, new Bot(), NO_ARGS);

        ArgumentCaptor<DayKey> keys = ArgumentCaptor.forClass(DayKey.class);
        verify(store, times(3)).read(keys.capture(), anyLong());
        assertEquals(List.of(LocalDate.parse("2025-09-20"), LocalDate.parse("2025-09-21"),
                LocalDate.parse("2025-09-20")), keys.getAllValues().stream().map(DayKey::date).toList());
    }

    @Test
    void anIdWhoseResolutionRunsAnotherActivityKeepsBothIdsApart() throws IOException {
        nothingDoneYet();
        ActivitySite quiz = site(Bot.class, "quiz");
        List<Object> innerTokens = new ArrayList<>();
        // Building "echo-{0}" calls this toString, host code that runs another activity meanwhile.
        Object reentrant = new Object() {
            @Override
            public String toString() {
                innerTokens.add(engine.enter(quiz, new Bot(), new Object[] {new Offer("o9")}));
                return "value";
            }
        };

        Object outer = engine.enter(site(Bot.class, "echo"), new Bot(), new Object[] {reentrant});
        engine.exit(innerTokens.get(0), 10, null);
        engine.exit(outer, "echo", null);

        ArgumentCaptor<Mutation> changes = ArgumentCaptor.forClass(Mutation.class);
        verify(store, times(2)).checkpoint(any(), changes.capture(), any());
        assertEquals(List.of("quiz-o9", "echo-value"), changes.getAllValues().stream().map(Mutation::id).toList());
    }

    @Test
    void theDateIsTakenWhenTheCallStartsSoACallRunningOverMidnightCountsForItsFirstDay() throws IOException {
        nothingDoneYet();
        MovableClock clock = new MovableClock(Instant.parse("2025-09-20T23:59:59Z"));
        ActivityEngine engine = new ActivityEngine(config(), store, clock);
        Object token = engine.enter(site(Bot.class, "checkIn"), new Bot(), NO_ARGS);

        clock.set(Instant.parse("2025-09-21T00:00:05Z"));
        engine.exit(token, null, null);

        ArgumentCaptor<DayKey> key = ArgumentCaptor.forClass(DayKey.class);
        verify(store).checkpoint(key.capture(), any(), any());
        assertEquals(LocalDate.parse("2025-09-20"), key.getValue().date());
    }

    @Test
    void anActivityStartedAfterMidnightUsesTheNewDayAndTheStoreForgetsTheOldOne() {
        nothingDoneYet();
        MovableClock clock = new MovableClock(Instant.parse("2025-09-20T23:00:00Z"));
        ActivityEngine engine = new ActivityEngine(config(), store, clock);
        ActivitySite checkIn = site(Bot.class, "checkIn");

        engine.enter(checkIn, new Bot(), NO_ARGS);
        engine.enter(checkIn, new Bot(), NO_ARGS);
        clock.set(Instant.parse("2025-09-21T00:00:01Z"));
        engine.enter(checkIn, new Bot(), NO_ARGS);

        InOrder order = inOrder(store);
        order.verify(store).retainOnly(Set.of(LocalDate.parse("2025-09-20")));
        order.verify(store, times(2)).read(eq(new DayKey("default", "daily-set", LocalDate.parse("2025-09-20"))), anyLong());
        order.verify(store).retainOnly(Set.of(LocalDate.parse("2025-09-21")));
        order.verify(store).read(eq(new DayKey("default", "daily-set", LocalDate.parse("2025-09-21"))), anyLong());
        verify(store, times(2)).retainOnly(any());
    }

    /** Days that are not 24 hours long, or that start a year, a month or a leap day. */
    static Stream<Arguments> unusualDays() {
        return Stream.of(
                Arguments.of("Europe/Paris", "2026-03-29"), // 23 hours: clocks go forward at 02:00
                Arguments.of("Europe/Paris", "2026-10-25"), // 25 hours
                Arguments.of("America/Santiago", "2026-09-06"), // midnight does not exist: it starts at 01:00
                Arguments.of("Pacific/Auckland", "2026-04-05"), // 25 hours, on the other side of the world
                Arguments.of("UTC", "2028-02-29"),
                Arguments.of("UTC", "2027-01-01"),
                Arguments.of("Pacific/Kiritimati", "2026-12-01"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("unusualDays")
    void aDayRunsFromItsFirstInstantToTheNextDaysHoweverLongItIs(String zoneId, String date) {
        nothingDoneYet();
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate day = LocalDate.parse(date);
        Instant first = day.atStartOfDay(zone).toInstant();
        Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
        MovableClock clock = new MovableClock(first.minusMillis(1));
        ActivityEngine engine = new ActivityEngine(config(zone, "default"), store, clock);
        ActivitySite checkIn = site(Bot.class, "checkIn");

        for (Instant at : List.of(first.minusMillis(1), first, first.plusSeconds(3600 * 12), next.minusMillis(1), next)) {
            clock.set(at);
            engine.enter(checkIn, new Bot(), NO_ARGS);
        }

        ArgumentCaptor<DayKey> keys = ArgumentCaptor.forClass(DayKey.class);
        verify(store, times(5)).read(keys.capture(), anyLong());
        assertEquals(List.of(day.minusDays(1), day, day, day, day.plusDays(1)),
                keys.getAllValues().stream().map(DayKey::date).toList());
    }
}
