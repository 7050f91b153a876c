package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three JVMs as three machines (workers w1, w2, w3, each with its own folder) on the same accounts
 * and activities against one PostgreSQL schema, started together: leases make every activity's side
 * effect happen exactly once while all are alive, every row ends completed by the worker that ran
 * it, and each machine's call returns the result of whichever machine ran it.
 *
 * <p>The machines walk the ids in different orders (up, down, up from the middle) so they both
 * split the work and collide on it: where two meet, one holds the lease and the other waits for it.
 */
class MachinesIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final List<String> ACCOUNTS = List.of("alice@example.com", "bob@example.com", "carol@example.com");
    static final int IDS = 20;
    static final List<String> WORKERS = List.of("w1", "w2", "w3");
    static final List<String> ORDERS = List.of("up", "down", "rotate:" + IDS / 2);

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void machinesOnTheSameAccountsRunEachActivityOnceAndTheRowsSayWhoRanIt(Jdk jdk, TestInfo test) {
        String schema = db.schema("machines_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path effects = ws.path("effects.log");
        Path go = ws.path("go");

        List<ChildJvm.Running> machines = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS.size(); i++) {
                Path home = Pg.machine(ws, WORKERS.get(i), db.url(), schema);
                machines.add(ChildJvm.on(jdk, home).main("bots.PgBot", "--accounts=" + String.join(",", ACCOUNTS),
                        "--ids=0-" + IDS, "--sleep-ms=75", "--order=" + ORDERS.get(i), "--worker=" + WORKERS.get(i),
                        "--effects=" + effects, "--go=" + go).start());
            }
            for (ChildJvm.Running machine : machines) {
                Pg.awaitLine(machine, "READY", ChildJvm.DEFAULT_TIMEOUT);
            }
            Pg.touch(go);
            for (ChildJvm.Running machine : machines) {
                results.add(machine.await(Duration.ofSeconds(120)));
            }
        } finally {
            machines.forEach(ChildJvm.Running::close);
        }

        Set<String> all = new TreeSet<>();
        ACCOUNTS.forEach(account -> {
            for (int id = 0; id < IDS; id++) {
                all.add(account + "/item-" + id);
            }
        });

        // Exactly once: each activity's body ran on one machine, and its line says which.
        Map<String, List<String>> ranBy = Pg.effects(effects);
        assertEquals(all, ranBy.keySet(), "every activity's side effect happened");
        Map<String, String> runner = new TreeMap<>();
        ranBy.forEach((key, workers) -> {
            assertEquals(1, workers.size(), () -> key + " ran on " + workers + ": twice while all machines lived");
            runner.put(key, workers.get(0));
        });

        // The rows: one per activity, completed, by the machine whose side effect it was, with its result.
        Map<String, Pg.Row> rows = Pg.rows(db, schema);
        assertEquals(all, rows.keySet(), "one row per activity, none lost");
        for (Pg.Row row : rows.values()) {
            assertEquals("completed", row.status(), row::toString);
            assertEquals(Pg.TYPE, row.type(), row::toString);
            assertEquals(Zones.today(), row.day(), row::toString);
            assertEquals(runner.get(row.key()), row.worker(), () -> "the row names the machine that ran it: " + row);
            assertEquals(Pg.jsonString(runner.get(row.key())), row.result(), row::toString);
            assertNotNull(row.fence(), () -> "a completion by a leased run carries its fence: " + row);
            assertNotNull(row.completedAt(), row::toString);
        }

        Map<String, Integer> ranPerWorker = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            String worker = WORKERS.get(i);
            assertCleanExit(result);
            // Each machine called everything; a call it skipped returned the other machine's result.
            Map<String, String> acked = new TreeMap<>();
            result.acked().forEach((accountAndId, value) -> acked.put(accountAndId.replace(" ", "/item-"), value));
            assertEquals(all, acked.keySet(), result::describe);
            acked.forEach((key, value) -> assertEquals(runner.get(key), value,
                    () -> worker + "'s call of " + key + " returned the result of " + value + ", but "
                            + runner.get(key) + " ran it\n" + result.describe()));
            Set<String> ran = new TreeSet<>();
            result.ran().forEach(line -> {
                String[] parts = line.split(" ");
                ran.add(parts[0] + "/item-" + parts[1]);
            });
            Set<String> expected = new TreeSet<>();
            runner.forEach((key, who) -> {
                if (who.equals(worker)) {
                    expected.add(key);
                }
            });
            assertEquals(expected, ran, worker + "'s bodies are the side-effect lines that name it");
            ranPerWorker.put(worker, ran.size());
            // The database was there all along: nothing fell back to the machine's own files.
            assertEquals(List.of(), Workspace.filesEndingWith(ws.path(worker + "/state"), ".json"),
                    worker + " wrote local state files while PostgreSQL was up");
        }
        System.out.printf("machines %s: %d activities, ran per worker %s%n", jdk, all.size(), ranPerWorker);
    }
}
