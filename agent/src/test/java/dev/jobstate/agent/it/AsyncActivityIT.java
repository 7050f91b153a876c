package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An activity that returns a {@code CompletableFuture} or {@code CompletionStage} is done when its
 * future completes normally, durably before the caller's future completes; a failed or cancelled
 * future is a failure, run again next time; a skipped call returns a completed future of the
 * replayed value. A plain {@code Future} cannot be followed: one error, and it runs untracked.
 */
class AsyncActivityIT {

    static final String D = "default ";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aFutureCountsWhenItCompletesAndASkippedCallReturnsItsValue(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.AsyncBot", "--fail=fetch-bb").run();
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(first.stdout().contains("DONE"), first::describe);
        assertEquals(List.of("fetch-a", "fetch-bb", "ready", "stage", "cancelled", "plain"),
                first.ran().stream().map(r -> r.substring(D.length())).toList(), first::describe);
        assertEquals(Map.of(D + "fetch-a", "11", D + "ready", "7", D + "stage", "staged", D + "plain", "5"),
                first.acked(), first::describe);
        assertTrue(first.stdout().contains("SEEN fetch-a yes"),
                () -> "the completion is durable before the caller's thenApply runs\n" + first.describe());
        assertEquals(1, first.lines("CAUGHT").stream().filter(l -> l.startsWith(D + "fetch-bb ")
                && l.contains("IllegalStateException: fetch bb failed")).count(), first::describe);
        assertEquals(1, first.lines("CAUGHT").stream().filter(l -> l.startsWith(D + "cancelled ")
                && l.contains("CancellationException")).count(), first::describe);
        assertEquals(1, first.stderr().size(), () -> "one error, for the plain Future\n" + first.describe());
        String error = first.stderr().get(0);
        assertTrue(error.startsWith(Result.OURS + "ERROR ") && error.contains("bots.AsyncBot.plain()")
                && error.contains("Future"), () -> "names the method and why: " + error);

        StateFile day = ws.state("default", "async");
        assertEquals(List.of("fetch-a", "ready", "stage"), day.completed(), day::toString);
        assertEquals(List.of("fetch-bb", "cancelled"), day.remaining(), day::toString);
        assertEquals(11, day.result("fetch-a").intValue(), () -> "the future's value, not the future\n" + day);
        assertEquals(7, day.result("ready").intValue(), day::toString);
        assertEquals("staged", day.result("stage").textValue(), day::toString);
        assertEquals("java.lang.IllegalStateException", day.failure("fetch-bb").path("exception").asText(),
                day::toString);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.AsyncBot").run();
        assertEquals(0, second.exitCode(), second::describe);
        assertTrue(second.stdout().contains("DONE"), second::describe);
        assertEquals(List.of(), second.lines("HUNG"), () -> "a skipped call's future completes\n" + second.describe());
        assertEquals(List.of("fetch-bb", "cancelled", "plain"),
                second.ran().stream().map(r -> r.substring(D.length())).toList(), second::describe);
        assertEquals("11", second.acked().get(D + "fetch-a"), "replayed");
        assertEquals("21", second.acked().get(D + "fetch-bb"), "the failed future ran again and counts");
        assertEquals("7", second.acked().get(D + "ready"));
        assertEquals("staged", second.acked().get(D + "stage"));
        assertEquals(List.of("fetch-a", "ready", "stage", "fetch-bb"), ws.state("default", "async").completed());
    }
}
