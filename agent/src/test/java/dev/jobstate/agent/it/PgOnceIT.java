package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.store.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Activity(once = true)} with PostgreSQL, its worker killed with SIGKILL in the middle:
 * the claim row is the record of the start, so once the dead worker's lease has run out the
 * activity is in doubt, on every machine; no worker takes it over until an operator's mark or
 * unmark. An ordinary activity's dead claim counts as interrupted, and is taken over.
 */
class PgOnceIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aOnceActivityWhoseWorkerDiedIsInDoubtOnEveryMachineUntilSettled(Jdk jdk, TestInfo test) {
        String schema = db.schema("once_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path w1 = Pg.machine(ws, "w1", db.url(), schema);
        Path w2 = Pg.machine(ws, "w2", db.url(), schema);

        try (ChildJvm.Running running = ChildJvm.on(jdk, w1).main("bots.OnceBot", "--hang-pay").start()) {
            Pg.awaitLine(running, "RAN pay", ChildJvm.DEFAULT_TIMEOUT);
            assertEquals("running", Pg.row(db, schema, "default", "pay").status());
            assertEquals(0, statusJson(w2).at("/totals/inDoubt").intValue(), "a live lease holds it: running");
            running.kill();
        }
        JsonNode status = Pg.await(() -> statusJson(w2), json -> json.at("/totals/inDoubt").intValue() == 1,
                Duration.ofSeconds(Pg.LEASE_SECONDS * 5L), () -> "the dead worker's lease to run out");
        assertEquals("pay", status.at("/rows/0/inDoubt/0/id").textValue(), status::toString);
        Result text = Cli.run(w2, "status");
        assertTrue(text.stdout().stream().anyMatch(l -> l.contains("default payments pay: started")), text::describe);

        Result elsewhere = ChildJvm.on(jdk, w2).main("bots.OnceBot").run();
        assertEquals(0, elsewhere.exitCode(), elsewhere::describe);
        assertEquals(List.of("poll"), elsewhere.ran(), () -> "no worker takes it over\n" + elsewhere.describe());
        assertEquals(1, elsewhere.lines("INDOUBT").size(), elsewhere::describe);
        assertEquals("running", Pg.row(db, schema, "default", "pay").status(), "left as it was");

        assertEquals(0, Cli.run(w2, "unmark", "--account", "default", "--type", "payments", "--id", "pay").exitCode());
        Result rerun = ChildJvm.on(jdk, w1).main("bots.OnceBot").run();
        assertEquals(0, rerun.exitCode(), rerun::describe);
        assertEquals(List.of("pay"), rerun.ran(), () -> "unmarked: it runs again\n" + rerun.describe());
        assertEquals("completed", Pg.row(db, schema, "default", "pay").status());
        assertEquals(0, statusJson(w2).at("/totals/inDoubt").intValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aMarkSettlesItAsDoneAndAnOrdinaryActivitysDeadClaimIsInterrupted(Jdk jdk, TestInfo test) {
        String schema = db.schema("once_mark_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path w1 = Pg.machine(ws, "w1", db.url(), schema);
        try (ChildJvm.Running running = ChildJvm.on(jdk, w1).main("bots.OnceBot", "--hang-pay").start()) {
            Pg.awaitLine(running, "RAN pay", ChildJvm.DEFAULT_TIMEOUT);
            running.kill();
        }
        Pg.await(() -> statusJson(w1), json -> json.at("/totals/inDoubt").intValue() == 1,
                Duration.ofSeconds(Pg.LEASE_SECONDS * 5L), () -> "pay in doubt");

        assertEquals(0, Cli.run(w1, "mark", "--account", "default", "--type", "payments", "--id", "pay").exitCode());
        try (ChildJvm.Running running = ChildJvm.on(jdk, w1).main("bots.OnceBot", "--hang-poll").start()) {
            Pg.awaitLine(running, "RAN poll", ChildJvm.DEFAULT_TIMEOUT);
            assertFalse(running.awaitStdout(lines -> lines.contains("RAN pay"), Duration.ZERO),
                    "marked: pay is skipped");
            running.kill();
        }
        JsonNode status = Pg.await(() -> statusJson(w1), json -> json.at("/totals/interrupted").intValue() == 1,
                Duration.ofSeconds(Pg.LEASE_SECONDS * 5L), () -> "poll's dead claim counted as interrupted");
        assertEquals(0, status.at("/totals/inDoubt").intValue(), status::toString);
        assertEquals(1, status.at("/totals/completed").intValue(), status::toString);

        Result again = ChildJvm.on(jdk, w1).main("bots.OnceBot").run();
        assertEquals(List.of("poll"), again.ran(), () -> "an ordinary activity is taken over\n" + again.describe());
        assertEquals(0, statusJson(w1).at("/totals/interrupted").intValue());
    }

    private static JsonNode statusJson(Path machine) {
        Result status = Cli.run(machine, "status", "--json");
        try {
            return JSON.readTree(String.join("\n", status.stdout()));
        } catch (IOException e) {
            throw new UncheckedIOException(status.describe(), e);
        }
    }
}
