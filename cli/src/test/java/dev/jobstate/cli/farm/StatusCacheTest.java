package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What status keeps between runs: used only while folders and day files are as they were, never
 * over them; a status from it is the status the files give.
 */
class StatusCacheTest {

    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path root;

    private StateDir dir;
    private Path today;
    private Path before;
    private Path folders;
    private Path days;
    private int settled;

    @BeforeEach
    void farm() throws IOException {
        dir = new StateDir(root);
        today = day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\"]", AN_HOUR_AGO);
        before = day("alice@example.com/daily-set-" + DAY.minusDays(1) + ".json", "[\"a\", \"b\"]", AN_HOUR_AGO);
        day("bob@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\"]", AN_HOUR_AGO);
        settle("alice@example.com", "bob@example.com");
        folders = root.resolve(".cache/status/folders");
        days = root.resolve(".cache/status/days");
    }

    @Test
    void aStatusKeepsWhatItReadPrivatelyAndTheNextOneIsTheSame() throws IOException {
        Status first = status();

        assertEquals(List.of("alice@example.com daily-set 1/2 (1 not started)", "bob@example.com daily-set 2/2"),
                rows(first));
        assertTrue(Files.exists(folders) && Files.exists(days));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folders)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folders.getParent())));
        assertEquals(first, status());
        assertEquals(first, status());
        assertEquals(List.of(root.resolve("alice@example.com"), root.resolve("bob@example.com")),
                dir.accountFolders(Scope.day(DAY)), "no account");
    }

    @Test
    void todaysFileOfAnotherSizeIsReadAgain() throws IOException {
        status();
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\", \"c\"]", AN_HOUR_AGO);
        settle("alice@example.com");

        assertEquals("alice@example.com daily-set 3/3", rows(status()).get(0));
    }

    @Test
    void aFileOfTheSameSizeWithAnotherMtimeIsReadAgain() throws IOException {
        status();
        Files.writeString(today, DayFilesOnDisk.sameSize(today, "{\"completed\": [], \"remaining\": [\"a\"]}"));
        Files.setLastModifiedTime(today, FileTime.from(AN_HOUR_AGO.plusMillis(1)));

        assertEquals("alice@example.com daily-set 0/2 (1 not started)", rows(status()).get(0));
    }

    @Test
    void aFileReplacedByRenameIsReadAgainEvenWithTheSameSizeAndMtime() throws IOException {
        status();
        Path temp = root.resolve("alice@example.com/.replacement.tmp");
        Files.writeString(temp, DayFilesOnDisk.sameSize(today, "{\"completed\": [], \"remaining\": [\"a\"]}"));
        Files.setLastModifiedTime(temp, FileTime.from(AN_HOUR_AGO));
        Files.move(temp, today, StandardCopyOption.REPLACE_EXISTING);
        settle("alice@example.com");

        assertEquals("alice@example.com daily-set 0/2 (1 not started)", rows(status()).get(0));
    }

    @Test
    void theDayBeforeChangingChangesWhatIsNotStarted() throws IOException {
        status();
        day("alice@example.com/daily-set-" + DAY.minusDays(1) + ".json", "[\"a\", \"b\", \"c\"]", AN_HOUR_AGO);
        settle("alice@example.com");

        assertEquals("alice@example.com daily-set 1/3 (2 not started)", rows(status()).get(0));
    }

    @Test
    void aNewFileInAFolderIsFound() throws IOException {
        status();
        day("alice@example.com/mobile-search-" + DAY + ".json", "[\"m\"]", AN_HOUR_AGO);
        settle("alice@example.com");

        assertEquals(List.of("alice@example.com daily-set 1/2 (1 not started)", "alice@example.com mobile-search 1/1",
                "bob@example.com daily-set 2/2"), rows(status()));
    }

    @Test
    void aDeletedFileIsGone() throws IOException {
        status();
        Files.delete(before);
        settle("alice@example.com");

        assertEquals("alice@example.com daily-set 1/1", rows(status()).get(0));
    }

    @Test
    void aCorruptFileIsNeverKeptAndAlwaysReportedInItsOwnWords() throws IOException {
        Files.writeString(today, "{\"completed\": [");
        Files.setLastModifiedTime(today, FileTime.from(AN_HOUR_AGO));
        settle("alice@example.com");
        List<Status.Row> fromFiles = rowsWithoutCache();

        Status first = status();
        Status second = status();

        String problem = first.rows().get(0).problem();
        assertTrue(problem != null && !problem.isEmpty(), first.rows().get(0).toString());
        assertEquals(fromFiles, first.rows());
        assertEquals(first, second);
        assertEquals(1, second.totals().unreadable());
    }

    @Test
    void aFileChangedJustNowIsReadEveryTime() throws IOException {
        status();
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\"]", Instant.now());
        assertEquals("alice@example.com daily-set 2/2", rows(status()).get(0));

        // Changed again within the same second and the same size: still read, as nothing of it was kept.
        Files.writeString(today, DayFilesOnDisk.sameSize(today, "{\"completed\": [], \"remaining\": [\"a\", \"b\"]}"));
        assertEquals("alice@example.com daily-set 0/2", rows(status()).get(0));
    }

    @Test
    void aFolderARunsJournalSpeaksOfIsReadAgain() throws IOException {
        status();
        // A run that died (pid 4242 is not alive here) started z on alice's day and never ended it.
        String key = "\"alice@example.com\",\"daily-set\",\"" + DAY + "\"";
        Files.createDirectories(root.resolve(".runs"));
        Files.writeString(root.resolve(".runs/4242-1758364200000.log"),
                "[\"S\",\"2025-09-20T10:31:00.000Z\"," + key + ",\"z\"]\n");

        Status withRun = status();

        assertEquals(1, withRun.rows().get(0).interrupted());
        assertEquals(rowsWithoutCache(), withRun.rows());
        assertEquals(withRun, status());
    }

    @Test
    void aCorruptOrTornCacheIsIgnoredAndRebuilt() throws IOException {
        Status first = status();
        byte[] good = Files.readAllBytes(folders);
        Files.write(folders, new byte[] {1, 2, 3});
        assertEquals(first, status());
        assertTrue(Files.size(folders) > 3, "rebuilt");

        Files.write(folders, Arrays.copyOf(good, good.length - 9));
        Files.write(days, new byte[] {1, 2, 3});
        assertEquals(first, status());

        byte[] bytes = Files.readAllBytes(folders);
        bytes[7]++; // the version, after the magic number
        Files.write(folders, bytes);
        assertEquals(first, status());
    }

    @Test
    void aFarmThatCannotBeWrittenIsReadAllTheSame() throws IOException {
        Files.createDirectories(root.resolve(".cache"));
        Files.writeString(root.resolve(".cache/status"), "a file where the folder would be");

        Status first = status();
        assertEquals(first, status());
        assertEquals(List.of("alice@example.com daily-set 1/2 (1 not started)", "bob@example.com daily-set 2/2"),
                rows(first));
    }

    @Test
    void oneAccountsStatusKeepsTheOthersKept() throws IOException {
        status();
        byte[] all = Files.readAllBytes(folders);

        Status alice = Status.of(dir, Scope.day(DAY).withAccount("alice@example.com"), Progress.NONE);

        assertEquals(List.of("alice@example.com daily-set 1/2 (1 not started)"), rows(alice));
        assertEquals(Arrays.toString(all), Arrays.toString(Files.readAllBytes(folders)), "nothing changed");
        assertFalse(rows(status()).isEmpty());
    }

    @Test
    void anEntryOfTheStateFolderThatIsNoFolderIsNoAccount() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "not an account");
        Files.createSymbolicLink(root.resolve("carol@example.com"), root.resolve("notes.txt"));

        Status first = status();

        assertEquals(List.of("alice@example.com daily-set 1/2 (1 not started)", "bob@example.com daily-set 2/2"),
                rows(first));
        assertEquals(2, first.totals().accounts());
        assertEquals(first, status(), "again, from what the first one kept");
    }

    @Test
    void whatIsKeptOfAnUnchangedFolderStaysWhenAnotherOneChanges() throws IOException {
        status();
        status(); // every folder's rows stand: the files' summaries are not even read
        day("bob@example.com/daily-set-" + DAY + ".json", "[\"a\"]", AN_HOUR_AGO);
        settle("bob@example.com");

        assertEquals("bob@example.com daily-set 1/1", rows(status()).get(1));

        KeptEntries kept = new KeptEntries(days);
        assertNotNull(kept.at("alice@example.com/daily-set-" + DAY + ".json"));
        assertNotNull(kept.at("alice@example.com/daily-set-" + DAY.minusDays(1) + ".json"));
    }

    private Status status() throws IOException {
        return Status.of(dir, Scope.day(DAY), Progress.NONE);
    }

    /** The rows status shows of the files, read with no cache at all. */
    private List<Status.Row> rowsWithoutCache() throws IOException {
        Unended none = Unended.read(root);
        List<Status.Row> rows = new ArrayList<>();
        for (Path folder : dir.accountFolders(Scope.day(DAY))) {
            rows.addAll(Status.folderRows(dir.countingReader(), dir.dayFiles(folder,
                    new Scope(null, null, DAY.minusDays(1), DAY)), DAY, none));
        }
        return rows;
    }

    private static List<String> rows(Status status) {
        return status.rows().stream().map(row -> row.account() + " " + row.type() + " " + row.completed() + "/"
                + row.known() + (row.notStarted() > 0 ? " (" + row.notStarted() + " not started)" : "")).toList();
    }

    /**
     * Folders' mtimes about an hour back, as a folder nothing was written to lately; each time
     * another one, as the clock would have moved (the same one would hide a change, as documented).
     */
    private void settle(String... accountFolders) throws IOException {
        settled++;
        DayFilesOnDisk.settle(root, AN_HOUR_AGO.plusMillis(settled), accountFolders);
    }

    private Path day(String name, String completed, Instant mtime) throws IOException {
        return DayFilesOnDisk.write(root, name, completed, mtime);
    }
}
