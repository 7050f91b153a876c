package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the store tests share: a day, changes to it, and a reading of state files that trusts nothing of ours. */
final class Days {

    static final String ACCOUNT = "user@email.com";
    static final LocalDate DATE = LocalDate.parse("2025-09-20");
    static final Instant NOON = Instant.parse("2025-09-20T10:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOON, ZoneOffset.UTC);
    static final DayKey DAILY_SET = new DayKey(ACCOUNT, "daily-set", DATE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Days() {
    }

    static Mutation.Completed done(String id) {
        return new Mutation.Completed(id, NOON, 5, IntNode.valueOf(id.length()));
    }

    static Mutation.Failed failed(String id) {
        return new Mutation.Failed(id, NOON, "java.lang.IllegalStateException", "boom");
    }

    /** The {@code completed} list of a state file, read with a plain JSON parser. */
    static List<String> completedIn(Path file) {
        return listIn(file, "completed");
    }

    /** The {@code remaining} list of a state file, read with a plain JSON parser. */
    static List<String> remainingIn(Path file) {
        return listIn(file, "remaining");
    }

    private static List<String> listIn(Path file, String field) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            List<String> ids = new ArrayList<>();
            root.get(field).forEach(id -> ids.add(id.textValue()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry of {@code folder} whose name ends in {@code .tmp}. */
    static List<Path> tempsIn(Path folder) {
        return entries(folder).stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }

    static List<Path> entries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .tmp} file anywhere under {@code root}. */
    static List<Path> tempsUnder(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertCompletedOnce(List<String> completed, List<String> expectedIds) {
        if (completed.size() != completed.stream().distinct().count()) {
            fail("an id is listed twice in completed: " + completed);
        }
        assertEquals(expectedIds.stream().sorted().toList(), completed.stream().sorted().toList(),
                "completed must be exactly the union of what was checkpointed");
    }
}
