package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.FolderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * An account's failures on a day as its state files record them, and the operator's release from
 * quarantine, kept beside them as {@code <account>/.released-<date>.json}: a dot file, so nothing
 * that lists day files takes it for one.
 */
public final class Releases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final StateFiles files = new StateFiles();

    public Releases(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The failed attempts of every type of {@code account} on {@code date}, and its last release. */
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        Path folder = root.resolve(FolderNames.encode(account));
        int failures = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*-" + date + ".json")) {
            for (Path entry : entries) {
                DayFileRef ref = DayFileRef.parse(entry).orElse(null);
                if (ref != null && ref.date().equals(date)
                        && files.read(entry, ref.key()) instanceof StateFiles.Parsed parsed) {
                    failures += failuresOf(parsed.day());
                }
            }
        } catch (NoSuchFileException e) {
            return AccountFailures.NONE;
        }
        return new AccountFailures(failures, releasedAt(folder, date));
    }

    /**
     * Releases {@code account} from quarantine on {@code date}: the failures it has now no longer
     * count. Durable before it returns; a running bot sees it within seconds.
     *
     * @return the failures it had, which no longer count
     */
    public int release(String account, LocalDate date, Instant at) throws IOException {
        AccountFailures now = failures(account, date);
        Path folder = root.resolve(FolderNames.encode(account));
        DurableFiles.createPrivateDirectories(folder);
        ObjectNode release = JSON.createObjectNode();
        release.put("releasedAt", at.toString());
        release.put("failures", now.failures());
        DurableFiles.replace(fileOf(folder, date), (JSON.writeValueAsString(release) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return now.failures();
    }

    /**
     * Deletes the releases kept in account folder {@code folder} for days before {@code before}:
     * what {@code prune} does beside the day files it deletes.
     *
     * @return how many it deleted
     */
    public static int deleteBefore(Path folder, LocalDate before) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".released-*.json")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                try {
                    LocalDate date = LocalDate.parse(name.substring(".released-".length(), name.length() - 5));
                    if (date.isBefore(before) && Files.deleteIfExists(entry)) {
                        deleted++;
                    }
                } catch (DateTimeParseException notOurs) {
                    // someone else's dot file: left alone
                }
            }
        }
        return deleted;
    }

    private static int failuresOf(DayState day) {
        int failures = 0;
        for (LastFailure failure : day.failures().values()) {
            failures += failure.attempts();
        }
        return failures;
    }

    private static int releasedAt(Path folder, LocalDate date) throws IOException {
        Path file = fileOf(folder, date);
        if (!Files.exists(file)) {
            return 0;
        }
        JsonNode release = JSON.readTree(Files.readAllBytes(file));
        return Math.max(0, release.path("failures").asInt(0));
    }

    private static Path fileOf(Path folder, LocalDate date) {
        return folder.resolve(".released-" + date + ".json");
    }
}
