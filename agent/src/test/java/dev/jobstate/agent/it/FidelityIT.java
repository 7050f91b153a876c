package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Through the agent jar and its relocated Jackson: a restarted bot gets back what it returned. */
class FidelityIT {

    private static final List<String> REPLAYED = List.of("offer", "generic", "animals", "zoned", "amount", "tally");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aRestartedBotReplaysEachResultAsTheClassAndValueItReturned(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.FidelityBot").run();
        Result second = ChildJvm.on(jdk, ws.dir).main("bots.FidelityBot").run();

        assertEquals(0, first.exitCode(), first::describe);
        assertEquals(0, second.exitCode(), second::describe);
        assertEquals(List.of("default stream"), second.ran(), () -> "only the unrecordable runs again\n"
                + second.describe());
        Map<String, String> returned = first.acked();
        Map<String, String> replayed = second.acked();
        for (String id : REPLAYED) {
            assertEquals(returned.get("default " + id), replayed.get("default " + id), id);
        }
        assertEquals("bots.FidelityBot$PremiumOffer o1/10+2.50", returned.get("default offer"));
        assertEquals("java.time.ZonedDateTime 2025-10-26T02:30+02:00[Europe/Paris]", returned.get("default zoned"));
        assertEquals("java.lang.String 5 read 0 times", returned.get("default tally"), "the getter was not called");
        assertTrue(ws.state("default", "fidelity").result("offer").has("@jobstate.typed"), first::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aStreamReturnedAsObjectIsNotRecordedAsDoneAndTheBotStillReadsItWholeEveryRun(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.FidelityBot").run();
        Result second = ChildJvm.on(jdk, ws.dir).main("bots.FidelityBot").run();

        assertEquals("java.lang.String a,b,c", first.acked().get("default stream"), first::describe);
        List<String> errors = first.ourLines("ERROR");
        assertEquals(1, errors.size(), first::describe);
        assertTrue(errors.get(0).contains("FidelityBot.stream()") && errors.get(0).contains("a Stream cannot be stored")
                && errors.get(0).contains("stream.toList()"), errors.get(0));
        assertEquals("java.lang.String a,b,c", second.acked().get("default stream"),
                "not recorded as done: it runs again, whole");
        assertTrue(second.ran().contains("default stream"), second::describe);
    }
}
