package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.file.DayFileRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} from the tallies it keeps is the report it writes from the files. */
class ReportCacheTest {

    @TempDir
    Path folder;

    private TestFarm farm;
    private LocalDate today;

    @BeforeEach
    void farm() throws IOException {
        farm = new TestFarm(folder);
        today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 0; d < 5; d++) {
            LocalDate date = today.minusDays(d);
            Instant at = date.atTime(6, 0).toInstant(ZoneOffset.UTC);
            farm.day("alice@example.com", "daily-set", date).completed("check-in", "quiz-1").remaining("quiz-2")
                    .failed("quiz-2", "java.io.IOException", "timeout <b>" + d, at, d + 1).updated(at).write();
            farm.day("bob+ü@example.com", "search", date).completed("search-" + d).updated(at).write();
        }
        farm.write("carol@example.com/daily-set-" + today.minusDays(2) + ".json", "{\"completed\": [");
        settle();
    }

    @Test
    void aReportFromKeptTalliesIsTheReportFromTheFiles() throws IOException {
        String fromFiles = report();
        assertTrue(Files.isDirectory(farm.state.resolve(".cache/report")), "tallies kept");
        String fromTallies = report();
        deleteCache();
        String fromFilesAgain = report();

        assertEquals(fromFiles, fromTallies);
        assertEquals(fromFiles, fromFilesAgain);
    }

    @Test
    void aDayThatChangedSinceIsReadAgain() throws IOException {
        String first = report();
        farm.day("alice@example.com", "daily-set", today.minusDays(3)).completed("check-in", "quiz-1", "quiz-2")
                .updated(today.minusDays(3).atTime(7, 0).toInstant(ZoneOffset.UTC)).write();
        settle();

        String cached = report();
        deleteCache();
        String uncached = report();

        assertNotEquals(first, cached);
        assertEquals(uncached, cached);
    }

    @Test
    void theOtherCommandsTakeNoNoticeOfTheCache() throws IOException {
        report();
        Cli.Run verify = farm.run("verify");
        Cli.Run status = farm.run("status", "--json");

        assertTrue(verify.out().endsWith("11 state files checked, 1 problems\n")
                || verify.out().contains("11 state files checked"), verify.describe());
        assertFalse(verify.out().contains(".cache"), verify.describe());
        assertFalse(status.out().contains(".cache"), status.describe());
        assertEquals(2, status.out().split("\"account\" : ").length - 1, status.describe());
    }

    /** The report, its one line that says when it was made left out. */
    private String report() throws IOException {
        Path out = folder.resolve("report.html");
        Cli.Run run = farm.run("report", "--out", out.toString(), "--days", "7");
        assertEquals(1, run.exitCode(), run.describe()); // carol's file is unreadable
        return Files.readString(out).replaceAll(" · generated [^(<]*\\(", " · generated (");
    }

    /** Files written a while ago: a file changed in the last seconds is read every time, never kept. */
    private void settle() throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        try (Stream<Path> files = Files.walk(farm.state)) {
            for (Path file : files.filter(f -> DayFileRef.parse(f).isPresent()).toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
    }

    private void deleteCache() throws IOException {
        try (Stream<Path> all = Files.walk(farm.state.resolve(".cache"))) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
