package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a day's file goes: {@code <dir>/<account>/<type>-<date>.json}, and never outside {@code <dir>}. */
class StateFilePlacementTest {

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");

    @TempDir
    Path sandbox;

    @Test
    void aSafeAccountIsItsOwnFolderAsInTheOriginalLayout() {
        Path root = sandbox.resolve("job-state");
        FileStateStore store = new FileStateStore(root, Clock.fixed(NOW, ZoneOffset.UTC), new PersistenceHealth());

        assertEquals(root.resolve("user@email.com").resolve("daily-set-2025-09-20.json"),
                store.fileOf(new DayKey("user@email.com", "daily-set", DAY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../..", "../../x", "/etc/x", "a/../../b", "\0", "a\0b", ".", "", "~",
        "..\\..\\x"})
    void aHostileAccountOrTypeIsWrittenInsideTheStateDirAndNowhereElse(String hostile) throws IOException {
        Path root = sandbox.resolve("deep").resolve("job-state");
        FileStateStore store = new FileStateStore(root, Clock.fixed(NOW, ZoneOffset.UTC), new PersistenceHealth());

        store.checkpoint(new DayKey(hostile, "t", DAY), new Mutation.Completed("a", NOW, 1, null));
        store.checkpoint(new DayKey("acct", hostile, DAY), new Mutation.Completed("a", NOW, 1, null));

        List<Path> files;
        try (Stream<Path> all = Files.walk(sandbox)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            assertTrue(file.startsWith(root), file + " is outside " + root);
        }
        assertEquals(2, files.stream().filter(f -> f.toString().endsWith(".json")).count(), files.toString());
        for (Path json : files.stream().filter(f -> f.toString().endsWith(".json")).toList()) {
            assertEquals(root, json.getParent().getParent(), json.toString());
        }
    }
}
