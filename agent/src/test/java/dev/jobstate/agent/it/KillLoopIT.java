package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 at random moments, over and over: what a call acknowledged is never lost, the state file is
 * never torn, at most the activities in flight at a kill run again, and a final clean run completes
 * the day with every id listed once and no temp file left.
 *
 * <p>The moments are seeded ({@code -Djobstate.it.seed=} to replay a run): some rounds are killed
 * after a random delay from the start, which often lands in JVM start-up or the agent's premain; the
 * others after a random number of activity bodies have started, plus up to 3 ms, which lands inside
 * a body, a checkpoint or its fsync. How long a body takes varies by round too.
 */
class KillLoopIT {

    static final String ACCOUNT = "crowd@example.com";
    static final int THREADS = 4;
    static final int IDS = 200;
    static final int ROUNDS = 12;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void killedAtRandomMomentsItLosesNothingAcknowledgedAndRunsAtMostTheInFlightOnesTwice(Jdk jdk, TestInfo test)
            throws IOException {
        long seed = Long.getLong("jobstate.it.seed", 20250920L) + jdk.feature();
        // SplittableRandom: java.util.Random gave nearby seeds runs of the same choice.
        SplittableRandom random = new SplittableRandom(seed);
        Workspace ws = Workspace.fresh(test, jdk);
        Path file = ws.stateFile(ACCOUNT, "crowd");
        String[] args = {"--account=" + ACCOUNT, "--ids=0-" + IDS, "--threads=" + THREADS, "--sleep-ms=4"};

        List<Set<Integer>> ranByRound = new ArrayList<>();
        List<Boolean> killedByRound = new ArrayList<>();
        Set<Integer> acknowledged = new TreeSet<>();
        List<String> progress = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int lost = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            int left = IDS - (Files.exists(file) ? StateFile.read(file).completed().size() : 0);
            Result result;
            String moment;
            // Bodies of 4 ms put most kills inside a body; bodies of 0 or 1 ms put many inside a checkpoint.
            args[3] = "--sleep-ms=" + List.of(0, 1, 4, 4).get(random.nextInt(4));
            try (ChildJvm.Running running = ChildJvm.on(jdk, ws.dir).main("bots.CrowdBot", args).start()) {
                // Never let a round do more than about a third of what is left, so every round has work
                // to be killed in.
                int most = Math.max(1, left / 3);
                if (random.nextInt(4) == 0) {
                    long delayMs = random.nextInt(900);
                    moment = "after " + delayMs + " ms";
                    running.awaitStdout(lines -> count(lines, "RAN ") >= most, Duration.ofMillis(delayMs));
                } else {
                    int bodies = 1 + random.nextInt(Math.max(1, left / 3));
                    int micros = random.nextInt(3_000);
                    moment = "after " + bodies + " bodies + " + micros + " us";
                    running.awaitStdout(lines -> count(lines, "RAN ") >= bodies, ChildJvm.DEFAULT_TIMEOUT);
                    LockSupport.parkNanos(micros * 1_000L);
                }
                result = running.kill();
            }
            log.add(String.format("round %d: %s, %s, left %d, killed %s, ran %d, acked %d, temp files left %d", round,
                    args[3], moment, left, result.exitCode() == Result.KILLED, result.ran().size(),
                    result.lines("ACK").size(), ws.tempFiles().size()));
            boolean killed = result.exitCode() == Result.KILLED;
            if (!killed) {
                assertCleanExit(result);
            }
            killedByRound.add(killed);
            ranByRound.add(ids(result.ran(), "round " + round + " ran an id twice", result));
            for (String ack : result.lines("ACK")) {
                String[] parts = ack.split(" ");
                int id = Integer.parseInt(parts[0]);
                assertEquals(String.valueOf(id * 7), parts[1], "a replayed or computed result, never another");
                acknowledged.add(id);
            }
            if (Files.exists(file)) {
                Set<Integer> completed = itemIds(StateFile.read(file).completed());
                progress.add(String.valueOf(completed.size()));
                Set<Integer> missing = new TreeSet<>(acknowledged);
                missing.removeAll(completed);
                lost += missing.size();
                assertEquals(Set.of(), missing, "round " + round + ": acknowledged but not in " + file);
            } else {
                lost += acknowledged.size();
                progress.add("0");
                assertEquals(Set.of(), acknowledged, "round " + round + ": acknowledged but no state file");
            }
            assertEquals(List.of(), Workspace.filesEndingWith(ws.stateDir(), "").stream()
                    .filter(p -> p.getFileName().toString().contains(".corrupt-")).toList(),
                    "round " + round + ": a kill left a state file that does not parse");
        }

        Result last = ChildJvm.on(jdk, ws.dir).main("bots.CrowdBot", args).run();
        assertCleanExit(last);
        ranByRound.add(ids(last.ran(), "the last run ran an id twice", last));
        killedByRound.add(false);

        StateFile state = StateFile.read(file);
        List<Integer> completed = state.completed().stream().map(KillLoopIT::itemId).toList();
        assertEquals(IDS, completed.size(), () -> "every id listed exactly once\n" + state);
        assertEquals(IntStream.range(0, IDS).boxed().collect(Collectors.toSet()), Set.copyOf(completed));
        assertEquals(List.of(), state.remaining());
        for (int id = 0; id < IDS; id++) {
            assertEquals(id * 7, state.result("item-" + id).intValue(), state::toString);
        }
        assertEquals(List.of(), ws.tempFiles(), "temp files left by killed writers are gone after a clean run");

        int kills = 0;
        int duplicates = 0;
        List<String> perKill = new ArrayList<>();
        for (int round = 0; round < ranByRound.size() - 1; round++) {
            Set<Integer> again = new TreeSet<>(ranByRound.get(round));
            Set<Integer> later = new HashSet<>();
            ranByRound.subList(round + 1, ranByRound.size()).forEach(later::addAll);
            again.retainAll(later);
            duplicates += again.size();
            if (killedByRound.get(round)) {
                kills++;
                perKill.add(String.valueOf(again.size()));
                assertTrue(again.size() <= THREADS, "round " + (round + 1) + ": " + again + " ran again, but only "
                        + THREADS + " can be in flight at a kill");
            } else {
                assertEquals(Set.of(), again, "round " + (round + 1) + " ended cleanly, yet some of it ran again");
            }
        }
        String summary = String.format("kill-loop %s: seed=%d rounds=%d kills=%d duplicates=%d (per kill: %s) lost=%d"
                        + " ids=%d threads=%d completed-after-each-round=%s", jdk, seed, ROUNDS, kills, duplicates,
                String.join(",", perKill), lost, IDS, THREADS, String.join(",", progress));
        System.out.println(summary);
        Files.writeString(ItEnv.workRoot().resolve("kill-loop-summary-jdk" + jdk.feature() + ".txt"),
                summary + "\n  " + String.join("\n  ", log) + "\n", StandardCharsets.UTF_8);
        // Rounds end cleanly only once no work is left, which the one-third cap makes take several kills.
        assertTrue(kills >= ROUNDS / 3, () -> "too few rounds were killed to mean anything: " + summary);
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** The ids of {@code RAN <id>} lines; fails if one appears twice. */
    private static Set<Integer> ids(List<String> ran, String message, Result result) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String id : ran) {
            assertTrue(ids.add(Integer.parseInt(id.strip())), () -> message + ": " + id + "\n" + result.describe());
        }
        return ids;
    }

    private static Set<Integer> itemIds(List<String> completed) {
        Set<Integer> ids = new HashSet<>();
        completed.forEach(id -> ids.add(itemId(id)));
        return ids;
    }

    private static int itemId(String id) {
        assertTrue(id.startsWith("item-"), id);
        return Integer.parseInt(id.substring("item-".length()));
    }
}
