package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two or four copies of a bot on the same account and type at the same moment, as when a user starts
 * a second copy by mistake: they end with the union of what each completed, each id listed once, and
 * a further run has nothing left to do.
 */
class ConcurrentJvmsIT {

    static final String ACCOUNT = "crowd@example.com";
    /** JVM {@code i} takes ids {@code [40 i, 40 i + 80)}: 40 shared with each neighbour, the ends its own. */
    static final int STEP = 40;

    static Stream<Arguments> copies() {
        List<Jdk> jdks = Jdk.all().toList();
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : jdks) {
            cases.add(Arguments.of(jdk + " x2", List.of(jdk, jdk)));
            cases.add(Arguments.of(jdk + " x4", List.of(jdk, jdk, jdk, jdk)));
        }
        if (jdks.size() > 1) {
            Jdk a = jdks.get(0);
            Jdk b = jdks.get(1);
            cases.add(Arguments.of(a + " and " + b + " x2 each", List.of(a, b, a, b)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    void copiesRunningAtOnceEndWithTheUnionEachIdOnceAndLeaveNothingToDo(String name, List<Jdk> jdks, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdks.get(0), jdks.size() + "-jvms", jdks.stream().distinct().count() > 1
                ? "mixed" : "same");
        Path go = ws.path("go");
        int all = STEP * (jdks.size() + 1);

        List<ChildJvm.Running> running = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        try {
            for (int i = 0; i < jdks.size(); i++) {
                List<String> args = new ArrayList<>(List.of("--account=" + ACCOUNT,
                        "--ids=" + STEP * i + "-" + (STEP * i + 2 * STEP), "--threads=2", "--sleep-ms=2", "--go=" + go));
                if (i % 2 == 1) {
                    // From the top down, so the shared ids meet the neighbour's in the middle of both runs.
                    args.add("--reverse");
                }
                running.add(ChildJvm.on(jdks.get(i), ws.dir).main("bots.CrowdBot", args.toArray(String[]::new)).start());
            }
            for (ChildJvm.Running jvm : running) {
                assertTrue(jvm.awaitStdout(lines -> lines.contains("READY"), ChildJvm.DEFAULT_TIMEOUT),
                        "a copy did not get ready");
            }
            Files.createFile(go);
            for (ChildJvm.Running jvm : running) {
                results.add(jvm.await(ChildJvm.DEFAULT_TIMEOUT));
            }
        } finally {
            running.forEach(ChildJvm.Running::close);
        }

        Map<Integer, Integer> ranIn = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            assertCleanExit(result);
            for (String ack : result.lines("ACK")) {
                String[] parts = ack.split(" ");
                assertEquals(Integer.parseInt(parts[0]) * 7, Integer.parseInt(parts[1]), result::describe);
            }
            assertEquals(2 * STEP, result.lines("ACK").size(), result::describe);
            result.ran().forEach(id -> ranIn.merge(Integer.parseInt(id), 1, Integer::sum));
        }

        StateFile state = ws.state(ACCOUNT, "crowd");
        List<String> completed = state.completed();
        Set<String> expected = IntStream.range(0, all).mapToObj(id -> "item-" + id).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(completed), "the union of what every copy completed");
        assertEquals(all, completed.size(), () -> "each id listed once\n" + state);
        assertEquals(List.of(), state.remaining());
        for (int id = 0; id < all; id++) {
            assertEquals(id * 7, state.result("item-" + id).intValue(), state::toString);
        }
        assertEquals(List.of(), ws.tempFiles());
        long ranTwice = ranIn.values().stream().filter(n -> n > 1).count();
        for (Map.Entry<Integer, Integer> ran : ranIn.entrySet()) {
            boolean shared = ran.getKey() >= STEP && ran.getKey() < STEP * jdks.size();
            assertTrue(ran.getValue() == 1 || shared, () -> "id " + ran.getKey() + " belongs to one copy, yet ran "
                    + ran.getValue() + " times");
        }

        Result further = ChildJvm.on(jdks.get(0), ws.dir).main("bots.CrowdBot", "--account=" + ACCOUNT,
                "--ids=0-" + all, "--threads=2").timeout(Duration.ofSeconds(60)).run();
        assertCleanExit(further);
        assertEquals(List.of(), further.ran(), further::describe);
        assertEquals(all, further.lines("ACK").size());
        System.out.printf("concurrent-jvms %s: ids=%d ran-in-two-copies=%d (shared ids may run in both)%n",
                name, all, ranTwice);
    }
}
