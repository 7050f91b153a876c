package dev.jobstate.cli;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A bot's folder for a test: a {@code config.json} (zone UTC, its state folder named) and the
 * state folder, whose days are written by the core's own file store code, as a bot writes them.
 * Commands run with {@code --config} pointing here, so they find the state as in the bot's folder.
 */
final class TestFarm {

    final Path folder;
    final Path state;
    final Path config;
    private String zone = "UTC";
    private String more = "";

    TestFarm(Path folder) {
        this.folder = folder;
        this.state = folder.resolve("state");
        this.config = folder.resolve("config.json");
        writeConfig();
    }

    /** The config names PostgreSQL too: {@code state} is then the agent's fallback folder. */
    TestFarm withPostgres(String url, String user, String schema) {
        return withConfig(", \"store\": \"postgres\", \"postgres\": {\"url\": \"" + url + "\", \"user\": \""
                + user + "\", \"schema\": \"" + schema + "\"}");
    }

    /** More keys of the config's {@code jobState}, after the folder and the zone: {@code , "key": ...}. */
    TestFarm withConfig(String keys) {
        more = keys;
        writeConfig();
        return this;
    }

    /** The bot's zone, {@code jobState.timezone}: UTC unless a test needs a date that cannot change under it. */
    TestFarm inZone(ZoneId id) {
        zone = id.getId();
        writeConfig();
        return this;
    }

    /**
     * A zone where it is about noon now, so the date cannot change while a test runs and "08:00"
     * today is hours ago, never in the future (docs/time.md, "Tests and time").
     */
    static ZoneId noonZone() {
        int offset = 12 - Instant.now().atOffset(ZoneOffset.UTC).getHour();
        // Etc/GMT ids carry the POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
        return ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
    }

    private void writeConfig() {
        try {
            Files.createDirectories(state);
            Files.writeString(config, "{\"jobState\": {\"dir\": \"" + state.toString().replace("\\", "\\\\")
                    + "\", \"timezone\": \"" + zone + "\"" + more + "}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code args}, then {@code --config} naming this farm's config. */
    Cli.Run run(String... args) {
        return Cli.run(withConfig(args));
    }

    /** {@link #run} as if on {@code console}. */
    Cli.Run run(Console console, String... args) {
        return Cli.run(console, withConfig(args));
    }

    private String[] withConfig(String... args) {
        return Stream.concat(Arrays.stream(args), Stream.of("--config", config.toString())).toArray(String[]::new);
    }

    Day day(String account, String type, LocalDate date) {
        return new Day(new DayKey(account, type, date));
    }

    /** Where the file store keeps {@code key}'s day. */
    Path fileOf(DayKey key) {
        return new FileStateStore(state, Clock.systemUTC(), new PersistenceHealth()).fileOf(key);
    }

    Path fileOf(String account, String type, LocalDate date) {
        return fileOf(new DayKey(account, type, date));
    }

    /** A file written as is, such as a corrupt one. */
    Path write(String relative, String text) throws IOException {
        Path file = state.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** The day as the file store reads it back. */
    DayState read(String account, String type, LocalDate date) throws IOException {
        DayKey key = new DayKey(account, type, date);
        return ((StateFiles.Parsed) new StateFiles().read(fileOf(key), key)).day();
    }

    /** One day of one account and type, built up and then written. */
    final class Day {

        private final DayKey key;
        private final List<String> completed = new ArrayList<>();
        private final List<String> remaining = new ArrayList<>();
        private final Map<String, LastFailure> failures = new LinkedHashMap<>();
        private final Map<String, Long> durations = new LinkedHashMap<>();
        private Instant updated;

        Day(DayKey key) {
            this.key = key;
        }

        Day completed(String... ids) {
            completed.addAll(List.of(ids));
            for (String id : ids) {
                durations.put(id, 1000L);
            }
            return this;
        }

        Day remaining(String... ids) {
            remaining.addAll(List.of(ids));
            return this;
        }

        Day failed(String id, String exception, String message, Instant at, int attempts) {
            return failed(id, exception, message, at, attempts, 0);
        }

        /** A failure under {@code @Activity(maxAttempts)}: given up on once {@code attempts} reaches it. */
        Day failed(String id, String exception, String message, Instant at, int attempts, int maxAttempts) {
            failures.put(id, new LastFailure(exception, message, at, attempts, maxAttempts));
            return this;
        }

        Day updated(Instant at) {
            updated = at;
            return this;
        }

        Path write() throws IOException {
            Path file = fileOf(key);
            new StateFiles().write(file, DayState.of(key, completed, remaining, updated, Map.of(), failures, durations));
            return file;
        }
    }
}
