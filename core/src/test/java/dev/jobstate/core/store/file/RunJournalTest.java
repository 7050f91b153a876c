package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs' journals: what a run started and did not end, whether that run lives, and a journal
 * that leaves nothing behind when its run ends with nothing open.
 */
class RunJournalTest {

    private static final Instant T = Instant.parse("2025-09-20T10:30:00Z");
    private static final DayKey DAY = new DayKey("a\"b\\c\nd@example.com", "daily-set", LocalDate.parse("2025-09-20"));

    @TempDir
    Path root;

    private List<Path> journals() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(RunJournal.FOLDER))) {
            return files.toList();
        }
    }

    @Test
    void aStartWithoutAnEndIsOpenAndItsRunLivesWhileItsJournalIsOpen() throws IOException {
        RunJournal journal = new RunJournal(root);
        journal.started(DAY, "quiz-1", T);
        journal.ended(DAY, "quiz-1", T.plusSeconds(1));
        journal.started(DAY, "quiz-2", T.plusSeconds(2));

        List<RunJournals.Open> open = RunJournals.read(root);

        assertEquals(List.of(new RunJournals.Open(DAY, "quiz-2", T.plusSeconds(2), true)), open,
                "an account with quotes, backslashes and a newline reads back as it was");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journals().get(0))),
                "it names accounts: private like the state files");
        journal.close();
    }

    @Test
    void aRunThatEndsWithNothingOpenLeavesNoJournal() throws IOException {
        RunJournal journal = new RunJournal(root);
        journal.started(DAY, "quiz-1", T);
        journal.ended(DAY, "quiz-1", T);

        journal.close();

        assertFalse(Files.exists(root.resolve(RunJournal.FOLDER)), "nothing left in the state folder");
    }

    @Test
    void aRunThatEndsWithAnActivityOpenLeavesItsJournalForStatusAsADeadRun() throws IOException {
        RunJournal journal = new RunJournal(root);
        journal.started(DAY, "quiz-1", T);

        journal.close(); // a Ctrl-C in the middle of quiz-1

        assertEquals(1, journals().size());
        RunJournal.OWN.removeAll(journals()); // as seen from another process
        assertEquals(List.of(new RunJournals.Open(DAY, "quiz-1", T, false)), RunJournals.read(root));
    }

    @Test
    void aJournalNobodyLocksIsADeadRunsAndATornLastLineIsSkipped() throws IOException {
        Path folder = Files.createDirectories(root.resolve(RunJournal.FOLDER));
        Files.write(folder.resolve("1-1.log"), (new String(RunJournal.line('S', DAY, "poll", T))
                + "[\"E\",\"2025-09-20T10:3").getBytes());

        List<RunJournals.Open> open = RunJournals.read(root);

        assertEquals(1, open.size());
        assertFalse(open.get(0).live());
        assertEquals("poll", open.get(0).id());
    }

    @Test
    void aStateFolderWithoutJournalsHasNothingOpen() throws IOException {
        assertTrue(RunJournals.read(root).isEmpty());
    }
}
