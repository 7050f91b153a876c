package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's tallies kept between runs: used only while a day file is as it was, never over it. */
class TallyCacheTest {

    private static final LocalDate DAY = LocalDate.parse("2025-09-20");
    private static final Scope RANGE = new Scope(null, null, DAY.minusDays(1), DAY);
    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path root;

    private StateDir dir;
    private Path today;
    private Path before;
    private Path cacheFile;
    private int settled;

    @BeforeEach
    void farm() throws IOException {
        dir = new StateDir(root);
        today = day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\"]", AN_HOUR_AGO);
        before = day("alice@example.com/daily-set-" + DAY.minusDays(1) + ".json", "[\"a\", \"b\"]", AN_HOUR_AGO);
        cacheFile = root.resolve(".cache/report/alice@example.com");
    }

    @Test
    void aScanKeepsEachSettledDaysTallyPrivately() throws IOException {
        assertEquals(List.of("1/1", "2/2"), tallies());

        assertEquals(Set.of(today.getFileName().toString(), before.getFileName().toString()), kept());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile.getParent())));
        assertEquals(List.of(root.resolve("alice@example.com")), dir.accountFolders(RANGE), "no account");
    }

    @Test
    void aTallyIsUsedWhileTheFileHasTheSizeMtimeAndInodeItWasReadAt() throws IOException {
        tallies();
        // Same length, same inode, the mtime put back: nothing a stat can tell, so the tally stands.
        Files.writeString(today, Files.readString(today).replace("[\"a\"]", "[   ]"));
        Files.setLastModifiedTime(today, FileTime.from(AN_HOUR_AGO));

        assertEquals(List.of("1/1", "2/2"), tallies());
    }

    @Test
    void aFileOfAnotherSizeIsReadAgain() throws IOException {
        tallies();
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\", \"c\"]", AN_HOUR_AGO);

        assertEquals(List.of("3/3", "2/2"), tallies());
    }

    @Test
    void aFileOfTheSameSizeWithAnotherMtimeIsReadAgain() throws IOException {
        tallies();
        Files.writeString(today, DayFilesOnDisk.sameSize(today, "{\"completed\": [], \"remaining\": [\"a\"]}"));
        Files.setLastModifiedTime(today, FileTime.from(AN_HOUR_AGO.plusMillis(1)));

        assertEquals(List.of("0/1", "2/2"), tallies());
    }

    @Test
    void aFileReplacedByRenameIsReadAgainEvenWithTheSameSizeAndMtime() throws IOException {
        tallies();
        Path temp = root.resolve("alice@example.com/.replacement.tmp");
        Files.writeString(temp, DayFilesOnDisk.sameSize(today, "{\"completed\": [], \"remaining\": [\"a\"]}"));
        Files.setLastModifiedTime(temp, FileTime.from(AN_HOUR_AGO));
        Files.move(temp, today, StandardCopyOption.REPLACE_EXISTING);

        assertEquals(List.of("0/1", "2/2"), tallies());
    }

    @Test
    void aFileChangedJustNowIsReadButNotKept() throws IOException {
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\"]", Instant.now());

        tallies();

        assertEquals(Set.of(before.getFileName().toString()), kept());
    }

    @Test
    void theEntryOfADeletedFileIsDropped() throws IOException {
        tallies();
        Files.delete(before);

        assertEquals(List.of("1/1"), tallies());
        assertEquals(Set.of(today.getFileName().toString()), kept());
    }

    @Test
    void anUnreadableFileIsNeverKeptAndAlwaysSaidUnreadable() throws IOException {
        Files.writeString(today, "{\"completed\": [");
        Files.setLastModifiedTime(today, FileTime.from(AN_HOUR_AGO));

        assertEquals(List.of("unreadable", "2/2"), tallies());
        assertEquals(List.of("unreadable", "2/2"), tallies());
        assertEquals(Set.of(before.getFileName().toString()), kept());
    }

    @Test
    void aCorruptOrTornCacheIsIgnoredAndRebuilt() throws IOException {
        tallies();
        byte[] good = Files.readAllBytes(cacheFile);
        Files.write(cacheFile, new byte[] {1, 2, 3});
        assertEquals(List.of("1/1", "2/2"), tallies());
        assertEquals(2, kept().size(), "rebuilt");

        Files.write(cacheFile, Arrays.copyOf(good, good.length - 9));
        assertEquals(List.of("1/1", "2/2"), tallies());
        assertEquals(2, kept().size(), "rebuilt");
    }

    @Test
    void aCacheOfAnotherVersionIsIgnored() throws IOException {
        tallies();
        byte[] bytes = Files.readAllBytes(cacheFile);
        bytes[7]++; // the version, after the magic number
        Files.write(cacheFile, bytes);
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"x\"]", AN_HOUR_AGO);

        assertEquals(List.of("1/1", "2/2"), tallies());
    }

    @Test
    void theTalliesOfAnAccountFolderThatIsGoneAreDeleted() throws IOException {
        day("bob@example.com/daily-set-" + DAY + ".json", "[\"a\"]", AN_HOUR_AGO);
        tallies();
        Path bobs = root.resolve(".cache/report/bob@example.com");
        assertTrue(Files.exists(bobs));
        Files.delete(root.resolve("bob@example.com/daily-set-" + DAY + ".json"));
        Files.delete(root.resolve("bob@example.com"));

        tallies();

        assertFalse(Files.exists(bobs));
    }

    @Test
    void aFarmThatCannotBeWrittenIsReadAllTheSame() throws IOException {
        Files.createDirectories(root.resolve(".cache"));
        Files.writeString(root.resolve(".cache/report"), "a file where the folder would be");

        assertEquals(List.of("1/1", "2/2"), tallies());
        assertEquals(List.of("1/1", "2/2"), tallies());
    }

    @Test
    void aSettledFoldersNamesAreKeptWithItsTallies() throws IOException {
        settle();
        tallies();

        assertEquals(Set.of(today.getFileName().toString(), before.getFileName().toString()), listing());
    }

    @Test
    void aFolderWhoseStampIsUnchangedIsNotListedAgain() throws IOException {
        settle();
        tallies();
        TallyCache.Stamp listed = TallyCache.Stamp.of(alice());
        // A file slipped in with the folder's mtime put back: only the folder's stamp says to list it.
        day("alice@example.com/mobile-search-" + DAY + ".json", "[\"m\"]", AN_HOUR_AGO);
        Files.setLastModifiedTime(alice(), FileTime.from(AN_HOUR_AGO.plusMillis(settled)));
        assumeTrue(listed.equals(TallyCache.Stamp.of(alice())), "this file system counts a folder's names in its size");

        assertEquals(List.of("1/1", "2/2"), tallies());
    }

    @Test
    void aFileChangedInAnUnchangedFolderIsReadAgain() throws IOException {
        settle();
        tallies();
        day("alice@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\", \"c\"]", AN_HOUR_AGO);
        Files.setLastModifiedTime(alice(), FileTime.from(AN_HOUR_AGO.plusMillis(settled)));

        assertEquals(List.of("3/3", "2/2"), tallies());
    }

    @Test
    void aNewFileInAFolderIsFound() throws IOException {
        settle();
        tallies();
        day("alice@example.com/mobile-search-" + DAY + ".json", "[\"m\", \"n\"]", AN_HOUR_AGO);
        settle();

        assertEquals(List.of("1/1", "2/2", "2/2"), tallies());
        assertEquals(3, listing().size());
    }

    @Test
    void aRemovedFileIsGoneFromTheTalliesAndTheNames() throws IOException {
        settle();
        tallies();
        Files.delete(before);
        settle();

        assertEquals(List.of("1/1"), tallies());
        assertEquals(Set.of(today.getFileName().toString()), listing());
        assertEquals(Set.of(today.getFileName().toString()), kept());
    }

    @Test
    void anAccountFolderAddedIsRead() throws IOException {
        settle();
        tallies();
        day("bob@example.com/daily-set-" + DAY + ".json", "[\"a\", \"b\"]", AN_HOUR_AGO);
        DayFilesOnDisk.settle(root, AN_HOUR_AGO, "bob@example.com");

        List<List<String>> perAccount = talliesPerAccount();

        assertEquals(List.of(List.of("1/1", "2/2"), List.of("2/2")), perAccount);
    }

    @Test
    void aFolderChangedWithinTheSettleWindowIsListedButItsNamesAreNotKept() throws IOException {
        Files.setLastModifiedTime(alice(), FileTime.from(Instant.now()));

        assertEquals(List.of("1/1", "2/2"), tallies());
        assertNull(TallyCache.decode(Files.readAllBytes(cacheFile)).listing(), "names listed just now");
        assertEquals(2, kept().size(), "the files themselves are settled");

        day("alice@example.com/mobile-search-" + DAY + ".json", "[\"m\"]", AN_HOUR_AGO);
        assertEquals(List.of("1/1", "1/1", "2/2"), tallies());
    }

    @Test
    void aCorruptCacheWithNamesIsIgnoredAndTheFolderListed() throws IOException {
        settle();
        tallies();
        byte[] bytes = Files.readAllBytes(cacheFile);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(cacheFile, bytes);
        day("alice@example.com/mobile-search-" + DAY + ".json", "[\"m\"]", AN_HOUR_AGO);
        settle();

        assertEquals(List.of("1/1", "1/1", "2/2"), tallies());
        assertEquals(3, listing().size(), "rebuilt");
    }

    /** Each day's "completed/known" (or "unreadable"), by date, newest first. */
    private List<String> tallies() throws IOException {
        return talliesPerAccount().get(0);
    }

    private List<List<String>> talliesPerAccount() throws IOException {
        return dir.mapTallies(RANGE, Progress.NONE, days -> days.stream()
                .sorted((a, b) -> b.key().date().compareTo(a.key().date()))
                .map(d -> d.tally() == null ? "unreadable" : d.tally().completed() + "/" + d.tally().known())
                .toList());
    }

    private Path alice() {
        return root.resolve("alice@example.com");
    }

    /** Alice's folder an hour back, a little later each time, as the clock would have moved. */
    private void settle() throws IOException {
        settled++;
        DayFilesOnDisk.settle(root, AN_HOUR_AGO.plusMillis(settled), "alice@example.com");
    }

    /** The names kept of alice's folder; none when none are. */
    private Set<String> listing() throws IOException {
        String[] names = TallyCache.decode(Files.readAllBytes(cacheFile)).listing();
        return names == null ? Set.of() : Set.of(names);
    }

    private Set<String> kept() throws IOException {
        return TallyCache.decode(Files.readAllBytes(cacheFile)).entries().keySet().stream().collect(Collectors.toSet());
    }

    private Path day(String name, String completed, Instant mtime) throws IOException {
        return DayFilesOnDisk.write(root, name, completed, mtime);
    }
}
