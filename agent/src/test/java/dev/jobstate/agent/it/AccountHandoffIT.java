package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Work an account's method hands to other threads keeps that account: executors, scheduled
 * executors, the common pool, {@code CompletableFuture.*Async}, parallel streams, threads started
 * inside the scope, virtual threads. Work that reaches an activity on a thread jobstate cannot
 * follow is said so, once, and runs untracked: never filed under {@code default}.
 */
class AccountHandoffIT {

    static final List<String> ACCOUNTS = List.of("alice@example.com", "bob@example.com");
    static final List<String> HANDOFFS = List.of("executor", "scheduled", "common-pool", "run-async",
            "supply-async", "parallel-1", "parallel-2", "parallel-3", "parallel-4", "thread", "virtual");
    static final List<String> POOLS = List.of("execute", "cached", "single", "fixed-rate", "fork-0", "fork-1",
            "fork-2", "fork-3", "supply-executor", "then-apply-async", "then-accept-executor", "virtual-thread");
    static final List<String> AFTERWARDS = List.of("after-execute", "after-cached", "after-single",
            "after-scheduled", "after-fork-join", "after-common-pool");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void tasksHandedToOtherThreadsRunUnderTheAccountThatHandedThemOver(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.HandoffBot").run();
        assertCleanExit(first);
        assertEquals(ACCOUNTS.size() * HANDOFFS.size(), first.ran().size(), first::describe);
        for (String account : ACCOUNTS) {
            StateFile day = ws.state(account, "handoff");
            assertEquals(Set.copyOf(HANDOFFS), Set.copyOf(day.completed()), () -> account + "'s own work\n" + day);
        }
        assertFalse(Files.exists(ws.stateDir().resolve("default")), () -> "nothing is filed under default: "
                + ws.tree());

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.HandoffBot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), () -> "every account's work is skipped\n" + second.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void workOnAThreadNoAgentCanFollowIsSaidOnceAndRunsUntrackedNotUnderDefault(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).main("bots.HandoffBot", "--hand-rolled").run();
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("DONE"), result::describe);
            assertEquals(1, result.stderr().size(), () -> "one warning\n" + result.describe());
            String warning = result.stderr().get(0);
            assertTrue(warning.startsWith(Result.OURS) && warning.contains("bots.HandoffBot.task(")
                    && warning.contains("@Account"), () -> "names the method and the fix: " + warning);
            int round = run;
            for (String account : ACCOUNTS) {
                assertTrue(result.ran().contains(account + " hand-rolled"),
                        () -> "run " + round + ": it runs, every time\n" + result.describe());
            }
        }
        assertFalse(Files.exists(ws.stateDir().resolve("default")), () -> "nothing is filed under default: "
                + ws.tree());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void accountsRunningAtOnceOnTheSamePoolsKeepTheirOwnWorkAndThePoolsThreadsKeepNoAccountAfter(Jdk jdk,
                                                                                                  TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.PoolsBot").run();
        assertCleanExit(first);
        for (String account : ACCOUNTS) {
            StateFile day = ws.state(account, "pools");
            assertEquals(Set.copyOf(POOLS), Set.copyOf(day.completed()), () -> account + "'s own work\n" + day);
        }
        StateFile nobody = ws.state("default", "pools");
        assertEquals(Set.copyOf(AFTERWARDS), Set.copyOf(nobody.completed()), () -> "work handed over outside any"
                + " account's method, to threads that all ran accounts' work before, has no account\n" + nobody);
        assertEquals(ACCOUNTS.size() * POOLS.size() + AFTERWARDS.size(), first.ran().size(),
                () -> "each ran once (the fixed-rate task's later runs are skipped)\n" + first.describe());

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.PoolsBot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), () -> "all of it is skipped\n" + second.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void theJdkIsInstrumentedOnlyOnceAScopeOpensAndThenOnlyTheClassesNamed(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result withoutScope = ChildJvm.on(jdk, ws.dir).debug().main("bots.PoolsBot", "--no-scope").run();
        assertEquals(0, withoutScope.exitCode(), withoutScope::describe);
        assertTrue(withoutScope.ourLines("DEBUG").stream().anyMatch(l -> l.contains(" active: ")),
                () -> "jobstate started (else this shows nothing)\n" + withoutScope.describe());
        assertEquals(List.of(), withoutScope.stderr().stream().filter(l -> l.contains("retransformed")).toList(),
                "no method with an @Account parameter ran: no JDK class is touched");

        Result scoped = ChildJvm.on(jdk, ws.dir).debug().main("bots.HandoffBot").run();
        assertEquals(0, scoped.exitCode(), scoped::describe);
        assertEquals(List.of(), scoped.foreignStderr(), scoped::describe);
        List<String> said = scoped.ourLines("DEBUG").stream().filter(l -> l.contains("retransformed")).toList();
        assertEquals(1, said.size(), scoped::describe);
        String line = said.get(0);
        Set<String> retransformed = Set.of(line.substring(line.indexOf("retransformed [") + "retransformed [".length(),
                line.lastIndexOf(']')).split(", "));
        Set<String> expected = new HashSet<>(Set.of("java.lang.Thread", "java.util.concurrent.FutureTask",
                "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinTask",
                "java.util.concurrent.CompletableFuture$AsyncRun", "java.util.concurrent.CompletableFuture$AsyncSupply",
                "java.util.concurrent.CompletableFuture$Completion"));
        if (jdk.feature() >= 21) {
            expected.add("java.lang.VirtualThread");
        }
        assertEquals(expected, retransformed, line);
    }
}
