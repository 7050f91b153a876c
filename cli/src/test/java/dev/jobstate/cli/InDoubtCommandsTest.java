package dev.jobstate.cli;

import static dev.jobstate.cli.ReadingCommandsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code status} says of runs that died, on a state folder, run in process: a once activity
 * that started and never ended is in doubt until {@code mark} or {@code unmark}; an ordinary one a
 * dead run started (its journal in {@code .runs/}) and nothing ran since is interrupted.
 */
class InDoubtCommandsTest {

    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final String ALICE = "alice@example.com";
    private static final DayKey PAYMENTS = new DayKey(ALICE, "payments", DAY);

    @TempDir
    Path folder;

    private TestFarm farm;

    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder);
        farm.day(ALICE, "payments", DAY).completed("check-in").updated(at(DAY, "10:00:00")).write();
        store().checkpoint(PAYMENTS, new Mutation.Started("pay", at(DAY, "10:30:00")));
    }

    private FileStateStore store() {
        return new FileStateStore(farm.state, Clock.fixed(at(DAY, "10:30:00"), ZoneOffset.UTC), new PersistenceHealth());
    }

    /** The journal a killed run left: poll started and never ended; check-in ended; the last line torn. */
    private void deadRunsJournal() throws IOException {
        String key = "\"" + ALICE + "\",\"payments\",\"" + DAY + "\"";
        farm.write(".runs/4242-1758364200000.log", "[\"S\",\"2025-09-20T10:00:00.000Z\"," + key + ",\"check-in\"]\n"
                + "[\"E\",\"2025-09-20T10:00:01.000Z\"," + key + ",\"check-in\"]\n"
                + "[\"S\",\"2025-09-20T10:31:00.000Z\"," + key + ",\"poll\"]\n"
                + "[\"E\",\"2025-09-20T10:3");
    }

    @Test
    void aOnceActivityThatStartedAndNeverEndedIsListedInDoubt() {
        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("  ? alice@example.com payments pay: started 10:30:00, never ended\n"),
                status.out());
        assertTrue(status.out().contains("1/2"), "pay is still to do: " + status.out());
        assertTrue(status.out().contains(" · 1 in doubt"), status.out());
        Cli.Run json = farm.run("status", "--json", "--date", DAY.toString());
        assertTrue(json.out().contains("\"inDoubt\" : [ {\n      \"id\" : \"pay\",\n      \"startedAt\" :"
                + " \"2025-09-20T10:30:00.000Z\"\n    } ]"), json.out());
    }

    @Test
    void markSettlesItAsDoneAndUnmarkAsToRunAgain() throws IOException {
        Cli.Run mark = farm.run("mark", "--account", ALICE, "--type", "payments", "--id", "pay", "--date", DAY.toString());
        assertEquals(0, mark.exitCode(), mark.err());
        assertTrue(farm.read(ALICE, "payments", DAY).notes().started().isEmpty());
        assertFalse(farm.run("status", "--date", DAY.toString()).out().contains("in doubt"));

        store().checkpoint(PAYMENTS, new Mutation.Started("refund", at(DAY, "10:40:00")));
        Cli.Run unmark = farm.run("unmark", "--account", ALICE, "--type", "payments", "--id", "refund",
                "--date", DAY.toString());
        assertEquals(0, unmark.exitCode(), unmark.err());
        assertTrue(unmark.out().contains("it runs again"), unmark.out());
        assertTrue(farm.read(ALICE, "payments", DAY).notes().started().isEmpty());
        assertEquals(List.of("refund"), farm.read(ALICE, "payments", DAY).remaining());
    }

    @Test
    void aOnceActivityALiveRunIsRunningIsNotInDoubt() {
        FileStateStore running = store();
        running.runStarted(PAYMENTS, "pay"); // this JVM's own journal: its run is alive

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertFalse(status.out().contains("in doubt"), status.out());
        running.runEnded(PAYMENTS, "pay");
    }

    @Test
    void whatADeadRunStartedAndNothingRanSinceIsInterrupted() throws IOException {
        deadRunsJournal();

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertTrue(status.out().contains("1/3 (1 interrupted)"), status.out());
        assertTrue(status.out().contains(" · 1 interrupted"), status.out());
        assertTrue(farm.run("status", "--json", "--date", DAY.toString()).out().contains("\"interrupted\" : 1"));
    }

    @Test
    void anInterruptedActivityThatRanSinceIsNoLongerCounted() throws IOException {
        deadRunsJournal();
        store().checkpoint(PAYMENTS, new Mutation.Failed("poll", at(DAY, "10:45:00"), "java.io.IOException",
                "down", 1000));

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertFalse(status.out().contains("interrupted"), status.out());
        assertTrue(status.out().contains("alice@example.com payments poll: java.io.IOException: down"), status.out());
    }

    @Test
    void aDeadRunsFirstActivityOfADayWithNoFileIsStillShown() throws IOException {
        String key = "\"bob@example.com\",\"daily-set\",\"" + DAY + "\"";
        farm.write(".runs/77-1.log", "[\"S\",\"2025-09-20T06:00:00.000Z\"," + key + ",\"check-in\"]\n");

        Cli.Run status = farm.run("status", "--date", DAY.toString());

        assertTrue(status.out().contains("0/1 (1 interrupted)"), status.out());
    }
}
