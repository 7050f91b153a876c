package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link OperatorWordIT} against PostgreSQL: an {@code unmark} made with the CLI while a bot holds
 * the day in memory reaches the bot (its look for operators' changes, every 2 s), and the bot runs
 * the activity again.
 */
class PgOperatorWordIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String ACCOUNT = "loop@example.com";
    static final Jdk JDK = Jdk.all().findFirst().orElseThrow();

    @Test
    void unmarkWhileTheBotRunsReachesItAndTheActivityRunsAgain(TestInfo test) throws Exception {
        Workspace ws = Workspace.fresh(test, JDK);
        Path machine = Pg.machine(ws, "w1", db.url(), db.schema());
        try (ChildJvm.Running bot = ChildJvm.on(JDK, machine).main("bots.LoopBot", "--account=" + ACCOUNT,
                "--plan=a,b,c;a,b,c").start()) {
            assertTrue(bot.awaitStdout(l -> l.contains("ROUND 1"), ChildJvm.DEFAULT_TIMEOUT));
            assertEquals("completed", Pg.row(db, db.schema(), ACCOUNT, "b").status());

            Result unmark = Cli.run(machine, "unmark", "--account", ACCOUNT, "--type", "loop", "--id", "b");
            assertEquals(0, unmark.exitCode(), unmark.describe());
            assertEquals("remaining", Pg.row(db, db.schema(), ACCOUNT, "b").status());

            // Past the bot's next look for operators' changes; then round 2 calls a, b, c again.
            Thread.sleep(2_600);
            Files.createFile(machine.resolve("go-2"));
            Result done = bot.await(ChildJvm.DEFAULT_TIMEOUT);
            assertEquals(List.of("a", "b", "c", "b"), done.lines("RAN"), done.describe());
            assertEquals("completed", Pg.row(db, db.schema(), ACCOUNT, "b").status());
            assertEquals("w1", Pg.row(db, db.schema(), ACCOUNT, "b").worker());
        }
    }
}
