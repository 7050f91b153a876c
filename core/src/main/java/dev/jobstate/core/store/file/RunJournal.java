package dev.jobstate.core.store.file;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which activities this process started and has not ended, so that {@code status} can tell an
 * interrupted run: one line per start and per end, appended to {@code <root>/.runs/<pid>-<millis>.log}.
 *
 * <p>Never forced to disk: what a kill leaves in the page cache is all it needs (a machine that loses
 * power loses a few lines, and with them only what status says, never state). The file is locked
 * while this process lives, which is how a reader tells a live run from a dead one. A run that ends
 * with nothing open deletes it; a dead run's stays, for status to show, until it is a few days old.
 * Best effort throughout: a journal that cannot be written is dropped after one debug line.
 */
final class RunJournal {

    static final String FOLDER = ".runs";

    /**
     * This JVM's own journals, never opened a second time to test their lock: closing a second
     * channel on a file drops the locks this process holds on it.
     */
    static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    /** Dead runs' journals older than this are deleted when a new run opens its own. */
    static final Duration KEEP_DEAD = Duration.ofDays(3);

    private final Path folder;
    private FileChannel channel; // guarded by this; null until the first start
    private Path file;
    private boolean broken;
    private int open; // starts without an end

    RunJournal(Path root) {
        this.folder = root.resolve(FOLDER);
    }

    synchronized void started(DayKey key, String id, Instant at) {
        if (append('S', key, id, at)) {
            open++;
        }
    }

    synchronized void ended(DayKey key, String id, Instant at) {
        if (append('E', key, id, at)) {
            open = Math.max(0, open - 1);
        }
    }

    /** The process is ending: with nothing left open, there is nothing for anyone to read. */
    synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close(); // releases the lock
            if (open == 0) {
                Files.deleteIfExists(file);
                deleteFolderIfEmpty();
            }
        } catch (IOException e) {
            Log.debug("could not close the run journal " + file + ": " + Log.describe(e));
        }
        channel = null;
        broken = true;
    }

    /**
     * The process is killed, as a test harness plays it: the lock goes, the file stays with what it
     * says was started and not ended, and this JVM no longer counts it as its own live run.
     */
    synchronized void abandon() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                Log.debug("could not close the run journal " + file + ": " + Log.describe(e));
            }
            OWN.remove(file);
            channel = null;
        }
        broken = true;
    }

    /** A run that ended cleanly leaves the state folder as it found it: account folders only. */
    private void deleteFolderIfEmpty() {
        try {
            Files.delete(folder);
        } catch (IOException notEmptyOrGone) {
            // another run's journal is there, or another run just deleted it
        }
    }

    private boolean append(char kind, DayKey key, String id, Instant at) {
        if (broken || (channel == null && !openFile())) {
            return false;
        }
        byte[] line = line(kind, key, id, at);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return true;
        } catch (IOException e) {
            Log.debug("stopped writing the run journal " + file + ": " + Log.describe(e));
            broken = true;
            return false;
        }
    }

    /** One JSON array per line: kind, time, account, type, date, id. */
    static byte[] line(char kind, DayKey key, String id, Instant at) {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        StringBuilder line = new StringBuilder(96).append("[\"").append(kind).append("\",\"")
                .append(Timestamps.format(at)).append("\",\"").append(quote.quoteAsString(key.account()))
                .append("\",\"").append(quote.quoteAsString(key.type())).append("\",\"").append(key.date())
                .append("\",\"").append(quote.quoteAsString(id)).append("\"]\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean openFile() {
        try {
            DurableFiles.createPrivateDirectories(folder);
            deleteOldDeadJournals();
            file = folder.resolve(ProcessId.current() + "-" + System.currentTimeMillis() + ".log");
            try {
                channel = create(file);
            } catch (NoSuchFileException removedMeanwhile) {
                // a run that ended just now removed the empty folder between the two steps
                DurableFiles.createPrivateDirectories(folder);
                channel = create(file);
            }
            OWN.add(file);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another process holds the lock of a file this one just made");
            }
            Thread hook = new Thread(this::close, "jobstate-run-journal");
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IOException | RuntimeException e) {
            Log.debug("no run journal in " + folder + " (status will not show interrupted runs): " + Log.describe(e));
            broken = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // it was never usable
                }
                channel = null;
            }
            return false;
        }
    }

    /** Private like the state files: it names accounts. */
    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), DurableFiles.privateFile(file));
    }

    private void deleteOldDeadJournals() throws IOException {
        Instant cutoff = Instant.now().minus(KEEP_DEAD);
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(folder, "*.log")) {
            for (Path journal : journals) {
                if (!OWN.contains(journal) && Files.getLastModifiedTime(journal).toInstant().isBefore(cutoff)
                        && RunJournals.isDead(journal)) {
                    Files.deleteIfExists(journal);
                }
            }
        }
    }
}
