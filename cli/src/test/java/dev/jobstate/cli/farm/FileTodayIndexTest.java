package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's index of a state folder: it reads again only the account folders whose files
 * changed, sees every change (even one its file times cannot tell), and counts as {@code status} does.
 * Dates come from a fixed clock; file times are the real ones, as on disk.
 */
class FileTodayIndexTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-20T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final StateFiles files = new StateFiles();
    private int settled;

    @Test
    void theFirstRefreshReadsEveryFolderAndCountsAsStatusDoes() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a", "b"), List.of());
        day("alice@example.com", "search", TODAY, List.of("s1"), List.of("s2"));
        day("bob@example.com", "daily-set", TODAY.minusDays(1), List.of("a", "b", "c"), List.of());
        day("bob@example.com", "daily-set", TODAY, List.of("a"), List.of());
        Files.writeString(Files.createDirectories(root.resolve("carol@example.com")).resolve("daily-set-" + TODAY + ".json"),
                "{broken");
        settle();

        TodayIndex index = index();
        TodayIndex.Refresh first = index.refresh();

        assertEquals(new TodayIndex.Refresh(3, 3, true), first);
        Status status = new StateDir(root, CLOCK).status(Scope.day(TODAY), Progress.NONE);
        assertEquals(status, index.today().status(), "the same rows and totals as status");
        assertEquals(2, index.today().status().rows().stream().filter(r -> r.account().equals("bob@example.com"))
                .findFirst().orElseThrow().notStarted(), "what yesterday had and today has not started");
        assertNotNull(index.today().status().rows().stream().filter(r -> r.account().equals("carol@example.com"))
                .findFirst().orElseThrow().problem(), "a corrupt file is a row that says why");
    }

    @Test
    void aRefreshWithNothingChangedReadsNothing() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a"), List.of());
        day("bob@example.com", "daily-set", TODAY, List.of("a"), List.of());
        settle();
        TodayIndex index = index();
        index.refresh();
        long version = index.today().version();

        TodayIndex.Refresh again = index.refresh();

        assertEquals(new TodayIndex.Refresh(2, 0, false), again);
        assertEquals(version, index.today().version());
    }

    @Test
    void aChangedFileIsReadAgainAndOnlyItsFolder() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a"), List.of());
        day("bob@example.com", "daily-set", TODAY, List.of("a"), List.of());
        day("carol@example.com", "daily-set", TODAY, List.of("a"), List.of());
        settle();
        TodayIndex index = index();
        index.refresh();
        long version = index.today().version();

        day("bob@example.com", "daily-set", TODAY, List.of("a", "b"), List.of());
        settle();
        TodayIndex.Refresh changed = index.refresh();

        assertEquals(new TodayIndex.Refresh(3, 1, true), changed);
        assertEquals(2, row(index, "bob@example.com").completed());
        assertEquals(version + 1, index.today().version());
        assertEquals(version + 1, index.versionOf("bob@example.com"));
        assertTrue(index.versionOf("alice@example.com") < version + 1, "alice's rows did not change");
    }

    @Test
    void aWriteItsFolderTimeCannotTellIsSeenAll() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a"), List.of());
        settle();
        TodayIndex index = index();
        index.refresh();
        Path folder = root.resolve("alice@example.com");
        // A bot writes, and the index looks within the same tick of the kernel's clock...
        day("alice@example.com", "daily-set", TODAY, List.of("a", "b"), List.of());
        FileTime tick = Files.getLastModifiedTime(folder);
        index.refresh();
        assertEquals(2, row(index, "alice@example.com").completed());
        // ...then writes again in that same tick: the folder's time says nothing changed.
        day("alice@example.com", "daily-set", TODAY, List.of("a", "b", "c"), List.of());
        Files.setLastModifiedTime(folder, tick);

        index.refresh();

        assertEquals(3, row(index, "alice@example.com").completed(), "a folder changed moments ago is looked at again");
    }

    @Test
    void accountsComeAndGoAndDotFoldersAreNone() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a"), List.of());
        Files.createDirectories(root.resolve(".runs"));
        Files.createDirectories(root.resolve(".backup/20250920T100000Z/alice@example.com"));
        settle();
        TodayIndex index = index();
        index.refresh();
        assertEquals(List.of("alice@example.com"), accounts(index));

        day("bob@example.com", "daily-set", TODAY, List.of("a"), List.of());
        index.refresh();
        assertEquals(List.of("alice@example.com", "bob@example.com"), accounts(index));

        deleteTree(root.resolve("alice@example.com"));
        index.refresh();
        assertEquals(List.of("bob@example.com"), accounts(index));
    }

    @Test
    void anAccountOfAnyNameIsReadAsStatusReadsIt() throws IOException {
        day("<script>alert(1)</script>", "daily-set", TODAY, List.of("a"), List.of("b"));
        TodayIndex index = index();
        index.refresh();
        assertEquals(List.of("<script>alert(1)</script>"), accounts(index));
    }

    @Test
    void theNextDayIsReadWithoutAnyFileChanging() throws IOException {
        day("alice@example.com", "daily-set", TODAY, List.of("a", "b"), List.of());
        settle();
        MutableClock clock = new MutableClock(CLOCK.instant());
        TodayIndex index = new StateDir(root, CLOCK).todayIndex(new AccountDays(config()), 0, clock);
        index.refresh();
        assertEquals(2, row(index, "alice@example.com").completed());

        clock.now = clock.now.plus(Duration.ofDays(1));
        TodayIndex.Refresh next = index.refresh();

        assertEquals(1, next.reread());
        Status.Row row = row(index, "alice@example.com");
        assertEquals(0, row.completed());
        assertEquals(2, row.notStarted(), "yesterday's activities are today's not started");
        assertEquals(TODAY.plusDays(1), index.today().status().date());
    }

    @Test
    void anAccountInQuarantineIsNamedWithItsFailures() throws IOException {
        Instant at = CLOCK.instant().minusSeconds(60);
        files.write(fileOf("alice@example.com", "daily-set", TODAY), DayState.of(new DayKey("alice@example.com",
                "daily-set", TODAY), List.of(), List.of("q"), at, Map.of(), Map.of("q",
                new LastFailure("java.io.IOException", "down", at, 3)), Map.of()));
        day("bob@example.com", "daily-set", TODAY, List.of("a"), List.of());
        TodayIndex index = new StateDir(root, CLOCK).todayIndex(new AccountDays(config()), 3, CLOCK);

        index.refresh();

        assertEquals(Map.of("alice@example.com", 3), index.today().quarantined());
    }

    @Test
    void aStateFolderThatIsGoneIsAnErrorAndTheLastViewStays() throws IOException {
        Path farm = root.resolve("farm");
        files.write(farm.resolve("alice@example.com/daily-set-" + TODAY + ".json"), DayState.of(new DayKey(
                "alice@example.com", "daily-set", TODAY), List.of("a"), List.of(), CLOCK.instant(), Map.of(), Map.of(),
                Map.of()));
        TodayIndex index = new StateDir(farm, CLOCK).todayIndex(new AccountDays(config()), 0, CLOCK);
        index.refresh();
        deleteTree(farm);

        NoSuchFileException gone = assertThrows(NoSuchFileException.class, index::refresh);

        assertTrue(gone.getReason().contains("gone"), gone.getMessage());
        assertFalse(index.today().status().rows().isEmpty(), "what was last read is kept");
    }

    private TodayIndex index() {
        return new FileTodayIndex(new StateDir(root, CLOCK), new AccountDays(config()), 0, CLOCK, FILE_TIMES);
    }

    /**
     * The time as the kernel stamps files, read off a probe file it stamps: the index compares file
     * times with the wall clock, and the suite also runs with the JVM's clock faked to other hours
     * (libfaketime), which moves the JVM's clock and not the file times. Where the two agree, as
     * they do off the test bench, it is the system clock.
     */
    private static final Clock FILE_TIMES = new Clock() {
        @Override
        public Instant instant() {
            try {
                Path probe = Files.createTempFile("jobstate-file-time", ".probe");
                try {
                    return Files.getLastModifiedTime(probe).toInstant();
                } finally {
                    Files.delete(probe);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };

    private JobStateConfig config() {
        return new JobStateConfig(true, root, ZoneOffset.UTC, "default", "test");
    }

    private static Status.Row row(TodayIndex index, String account) {
        return index.today().status().rows().stream().filter(r -> r.account().equals(account)).findFirst().orElseThrow();
    }

    private static List<String> accounts(TodayIndex index) {
        return index.today().status().rows().stream().map(Status.Row::account).distinct().toList();
    }

    /** Written as a bot writes: a temp file renamed over the old one. */
    private void day(String account, String type, LocalDate date, List<String> completed, List<String> remaining)
            throws IOException {
        files.write(fileOf(account, type, date), DayState.of(new DayKey(account, type, date), completed, remaining,
                CLOCK.instant().minusSeconds(60), Map.of(), Map.of(), Map.of()));
    }

    private Path fileOf(String account, String type, LocalDate date) {
        return root.resolve(FolderNames.encode(account)).resolve(FolderNames.encode(type) + "-" + date + ".json");
    }

    /**
     * Every file and folder written in the last minute made as old as if nobody had written for a
     * while, each time a second later than the last, as its own write would have left it.
     */
    private void settle() throws IOException {
        FileTime old = FileTime.from(Instant.parse("2025-09-20T09:00:00Z").plusSeconds(++settled));
        Instant recent = FILE_TIMES.instant().minus(Duration.ofMinutes(1));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (Files.getLastModifiedTime(path).toInstant().isAfter(recent)) {
                    Files.setLastModifiedTime(path, old);
                }
            }
        }
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path path : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
