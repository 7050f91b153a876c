package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's operations on a prepared state folder, below the command line. */
class FarmOperationsTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-20T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void pruneGoesByTheDateInTheNameNotTheFilesAge() throws IOException {
        Path old = day("alice@example.com", "daily-set", TODAY.minusDays(8), "[\"a\"]", "[]");
        Path recent = day("alice@example.com", "daily-set", TODAY.minusDays(2), "[\"a\"]", "[]");
        Files.setLastModifiedTime(recent, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now()));

        List<Prune.Removed> dry = new Prune(new StateDir(root)).run(TODAY.minusDays(7), true, Progress.NONE);
        assertEquals(List.of(old), dry.stream().map(r -> r.file().file()).toList());
        assertTrue(Files.exists(old), "a dry run removes nothing");
        assertEquals(Files.size(old), dry.get(0).bytes());

        new Prune(new StateDir(root)).run(TODAY.minusDays(7), false, Progress.NONE);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent), "an old mtime does not make a recent day old");
    }

    @Test
    void verifyNamesEachBadFileWithItsReasonAndRepairKeepsItAside() throws IOException {
        day("alice@example.com", "daily-set", TODAY, "[\"a\"]", "[]");
        Path broken = write("bob@example.com/daily-set-" + TODAY + ".json", "{\"completed\": [1, 2");
        Path stray = write("bob@example.com/notes.json", "{}");
        Progress progress = mock(Progress.class);

        Verify.Result found = new Verify(new StateDir(root), CLOCK).run(false, progress);

        assertEquals(2, found.files());
        assertEquals(Set.of(stray, broken), Set.copyOf(found.problems().stream().map(Verify.Problem::file).toList()));
        assertEquals(2, found.unresolved());
        verify(progress, atLeastOnce()).update(anyLong(), eq(2L));

        Verify.Result repaired = new Verify(new StateDir(root), CLOCK).run(true, Progress.NONE);
        Verify.Problem fixed = repaired.problems().stream().filter(p -> p.file().equals(broken)).findFirst().orElseThrow();
        assertNotNull(fixed.repairedTo());
        assertFalse(Files.exists(broken));
        assertEquals("{\"completed\": [1, 2", Files.readString(fixed.repairedTo()), "kept byte for byte");
        assertEquals(1, repaired.unresolved(), "a stray name is reported, not renamed");
    }

    @Test
    void statusCountsEachAccountAndTypeAndTheFarm() throws IOException {
        day("alice@example.com", "daily-set", TODAY, "[\"a\", \"b\"]", "[]");
        day("alice@example.com", "search", TODAY, "[\"s1\"]", "[\"s2\"]");
        day("bob@example.com", "daily-set", TODAY, "[\"a\", \"b\"]", "[]");
        day("bob@example.com", "daily-set", TODAY.minusDays(1), "[]", "[\"a\"]");

        Status status = Status.of(new StateDir(root), Scope.day(TODAY), Progress.NONE);

        assertEquals(3, status.rows().size(), "yesterday's file is not today's status");
        assertEquals(2, status.totals().accounts());
        assertEquals(1, status.totals().accountsDone(), "bob has nothing left; alice has s2");
        assertEquals(5, status.totals().completed());
        assertEquals(6, status.totals().known());
        assertEquals(5.0 / 6, status.totals().rate(), 1e-9);
    }

    private Path day(String account, String type, LocalDate date, String completed, String remaining)
            throws IOException {
        return write(account + "/" + type + "-" + date + ".json", "{\"date\": \"" + date + "\", \"account\": \"" + account + "\", \"type\": \"" + type
                + "\", \"completed\": " + completed + ", \"remaining\": " + remaining
                + ", \"lastUpdate\": \"2025-09-20T08:00:00.000Z\"}");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
