package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A skipped call returns what the body returned: equal, and of the same class, for every type a
 * bot returns. A type that cannot be replayed (a {@code Stream}, an {@code Iterator}) is said so at
 * class load and runs untracked, and recording never consumes the live value.
 */
class FaithfulReplayIT {

    static final List<String> REPLAYED = List.of("zoned", "offset", "money", "big", "offer", "echo-point",
            "echo-offer", "colors", "maybe", "scores", "offers", "routes", "tally", "color", "twice", "animals",
            "echo-dog", "counted");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aReplayEqualsWhatTheBodyReturnedAndOfTheSameClass(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.ReplayBot").run();
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(first.stdout().contains("DONE"), first::describe);
        Map<String, String> original = first.acked();
        assertEquals("java.util.ArrayList<String,String,String> [ann, bob, cy]", original.get("default names"),
                "the caller gets every element of a returned stream");
        assertEquals("java.util.ArrayList<String,String> [x, y]", original.get("default cursor"));
        assertEquals("java.lang.String 5 read 0 times", original.get("default counted"), "no getter was called");
        assertTrue(original.get("default any-stream").endsWith("<String,String,String> [a, b, c]"),
                "a Stream returned as Object is not consumed by recording");
        assertEquals("java.time.ZonedDateTime 2025-10-26T02:30+01:00[Europe/Paris] zone Europe/Paris",
                original.get("default twice"));
        assertEquals(3, first.stderr().size(), () -> "one error per unreplayable method\n" + first.describe());
        assertTrue(first.stderr().stream().anyMatch(l -> l.startsWith(Result.OURS + "ERROR ")
                && l.contains("bots.ReplayBot.anyStream()") && l.contains("stream.toList()")), first::describe);
        assertTrue(ws.state("default", "replay").result("offer").has("@jobstate.typed"),
                "a subclass of the declared type is stored with its class");
        assertTrue(first.stderr().stream().anyMatch(l -> l.startsWith(Result.OURS + "ERROR ")
                && l.contains("bots.ReplayBot.names()") && l.contains("Stream")), first::describe);
        assertTrue(first.stderr().stream().anyMatch(l -> l.startsWith(Result.OURS + "ERROR ")
                && l.contains("bots.ReplayBot.cursor()") && l.contains("Iterator")), first::describe);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.ReplayBot").run();
        assertEquals(0, second.exitCode(), second::describe);
        assertTrue(second.stdout().contains("DONE"), second::describe);
        assertEquals(List.of("default any-stream", "default names", "default cursor"), second.ran(),
                () -> "all but the unreplayable are skipped\n" + second.describe());
        for (String id : REPLAYED) {
            assertEquals(original.get("default " + id), second.acked().get("default " + id),
                    () -> id + " replays as it returned\n" + second.describe());
        }
        assertEquals(original, second.acked());
        assertEquals(3, second.stderr().size(), second::describe);
    }
}
