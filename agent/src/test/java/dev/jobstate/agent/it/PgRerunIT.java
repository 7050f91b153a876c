package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bot that finished its day against PostgreSQL, run again: on the same machine, and on another
 * machine with an empty folder (so the skips can only come from the database). Nothing runs, no
 * side effect happens, every call returns what the first run's returned, and no row changes, not
 * even its {@code updated_at}.
 */
class PgRerunIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String ACCOUNTS = "dora@example.com,emil@example.com";
    static final int IDS = 10;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aFinishedBotRunAgainSkipsEverythingAndChangesNoRow(Jdk jdk, TestInfo test) {
        String schema = db.schema("rerun_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path effects = ws.path("effects.log");

        Result first = run(jdk, ws, "w1", schema, effects);
        assertCleanExit(first);
        assertEquals(2 * IDS, first.ran().size(), first::describe);
        Map<String, Pg.Row> before = Pg.rows(db, schema);
        assertEquals(2 * IDS, before.size(), before::toString);
        before.values().forEach(row -> assertEquals("completed", row.status(), row::toString));
        Map<String, List<String>> effectsBefore = Pg.effects(effects);

        for (String worker : List.of("w1", "w2")) {
            Result again = run(jdk, ws, worker, schema, effects);
            assertCleanExit(again);
            assertEquals(List.of(), again.ran(), () -> worker + " ran finished work\n" + again.describe());
            // w2 replays w1's results: the skip and the result both come from the database.
            assertEquals(first.acked(), again.acked(), again::describe);
            assertEquals(effectsBefore, Pg.effects(effects), "no side effect on a run with nothing to do");
            Map<String, Pg.Row> after = Pg.rows(db, schema);
            assertEquals(before.keySet(), after.keySet());
            before.forEach((key, row) -> assertEquals(row.settled(), after.get(key).settled(),
                    () -> worker + "'s run, which skipped everything, changed a row"));
        }
    }

    private static Result run(Jdk jdk, Workspace ws, String worker, String schema, Path effects) {
        Path home = Pg.machine(ws, worker, db.url(), schema);
        return ChildJvm.on(jdk, home).main("bots.PgBot", "--accounts=" + ACCOUNTS, "--ids=0-" + IDS,
                "--sleep-ms=10", "--worker=" + worker, "--effects=" + effects).run();
    }
}
