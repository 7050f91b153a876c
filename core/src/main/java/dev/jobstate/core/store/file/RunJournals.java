package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the runs' journals ({@link RunJournal}) of a state folder: what each run started and did not end. */
public final class RunJournals {

    /** Made when a journal is read (the CLI), not when a bot's first checkpoint asks {@link #isDead}. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * An activity a run started and did not end.
     *
     * @param live whether the run's process still runs (as far as its journal's lock tells)
     */
    public record Open(DayKey key, String id, Instant startedAt, boolean live) {
    }

    private RunJournals() {
    }

    /** Every activity some run in {@code root} started and did not end, live runs' included. */
    public static List<Open> read(Path root) throws IOException {
        Path folder = root.resolve(RunJournal.FOLDER);
        List<Open> open = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return open;
        }
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(folder, "*.log")) {
            for (Path journal : journals) {
                boolean live = !isDead(journal);
                List<String> lines;
                try {
                    lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
                } catch (NoSuchFileException ended) {
                    continue; // its run ended cleanly meanwhile
                }
                unended(lines).forEach((start, at) -> open.add(new Open(start.key, start.id, at, live)));
            }
        }
        return open;
    }

    /**
     * Deletes the journals of runs that ended (dead or not: a live run's is never touched) and were
     * last written before {@code cutoff}: what {@code prune} does beside the day files it deletes.
     *
     * @return how many it deleted
     */
    public static int deleteDeadBefore(Path root, Instant cutoff) throws IOException {
        Path folder = root.resolve(RunJournal.FOLDER);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(folder, "*.log")) {
            for (Path journal : journals) {
                if (Files.getLastModifiedTime(journal).toInstant().isBefore(cutoff) && isDead(journal)
                        && Files.deleteIfExists(journal)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private record Start(DayKey key, String id) {
    }

    /** Starts without a later end; a line that does not read (a kill mid-write) is skipped. */
    private static Map<Start, Instant> unended(List<String> lines) {
        Map<Start, Instant> open = new LinkedHashMap<>();
        for (String line : lines) {
            try {
                JsonNode entry = Json.MAPPER.readTree(line);
                if (entry == null || !entry.isArray() || entry.size() != 6) {
                    continue;
                }
                Start start = new Start(new DayKey(entry.get(2).textValue(), entry.get(3).textValue(),
                        LocalDate.parse(entry.get(4).textValue())), entry.get(5).textValue());
                if ("S".equals(entry.get(0).textValue())) {
                    open.put(start, Timestamps.parse(entry.get(1).textValue()));
                } else {
                    open.remove(start);
                }
            } catch (IOException | RuntimeException unreadable) {
                // a partial last line
            }
        }
        return open;
    }

    /**
     * Whether the run that wrote {@code journal} has ended: nobody holds its lock. A journal this
     * process cannot open for writing (another user's) is taken for live: nothing is claimed of it.
     */
    static boolean isDead(Path journal) {
        if (RunJournal.OWN.contains(journal)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
