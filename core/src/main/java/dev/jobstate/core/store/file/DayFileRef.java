package dev.jobstate.core.store.file;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.FolderNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One state file found on disk, {@code <account folder>/<type>-<yyyy-MM-dd>.json}, with the account
 * and type its names stand for. A name cut and hashed for length cannot be decoded; it is shown as
 * the folder or file name itself.
 */
public record DayFileRef(Path file, String account, String type, LocalDate date) {

    private static final int DATE_AND_SUFFIX = "-yyyy-MM-dd.json".length();

    public DayKey key() {
        return new DayKey(account, type, date);
    }

    /** The state file {@code file} is, or empty for anything else (lock, temp, corrupt copies). */
    public static Optional<DayFileRef> parse(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || !name.endsWith(".json") || name.length() <= DATE_AND_SUFFIX) {
            return Optional.empty();
        }
        int dash = name.length() - DATE_AND_SUFFIX;
        if (name.charAt(dash) != '-') {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(name.substring(dash + 1, name.length() - ".json".length()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(new DayFileRef(file, readable(file.getParent().getFileName().toString()),
                readable(name.substring(0, dash)), date));
    }

    /**
     * Every state file under {@code root} dated {@code from} to {@code to}, both included, in no
     * particular order; none when {@code root} does not exist. Folders starting with a dot (backups,
     * set-aside files) are no account's.
     */
    public static List<DayFileRef> listAll(Path root, LocalDate from, LocalDate to) throws IOException {
        List<DayFileRef> found = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root,
                p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p))) {
            for (Path folder : folders) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.json")) {
                    for (Path entry : entries) {
                        parse(entry).filter(day -> !day.date().isBefore(from) && !day.date().isAfter(to))
                                .ifPresent(found::add);
                    }
                } catch (NoSuchFileException e) {
                    // removed while listed: nothing of it to merge
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return found;
    }

    private static String readable(String encoded) {
        String decoded = FolderNames.decode(encoded);
        return decoded != null ? decoded : encoded;
    }
}
