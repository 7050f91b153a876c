package dev.jobstate.core.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts days of an account afresh. Files are moved into {@code <state dir>/.backup/<UTC time>/},
 * keeping their account folder, unless purging is asked for. Today's file (in the bot's zone) is
 * replaced by a fresh day that remembers the reset, so a running bot cannot put back outcomes from
 * before it.
 */
public final class Reset {

    private static final DateTimeFormatter FOLDER_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One file reset: where it was, and where it went (null when purged or a dry run). */
    public record Done(DayFileRef file, Path movedTo, long bytes) {
    }

    private final StateDir dir;

    public Reset(StateDir dir) {
        this.dir = dir;
    }

    /** The files {@code scope} names, oldest first within each type. */
    public List<DayFileRef> plan(Scope scope) throws IOException {
        List<DayFileRef> files = new ArrayList<>();
        for (Path folder : dir.accountFolders(scope)) {
            files.addAll(dir.dayFiles(folder, scope));
        }
        return files;
    }

    public Path backupFolder(Instant now) {
        return dir.root().resolve(StateDir.BACKUP_FOLDER).resolve(FOLDER_STAMP.format(now));
    }

    /**
     * @param purge delete instead of moving to the backup folder
     * @param today the bot's current date: its file gets a fresh day recording the reset
     */
    public List<Done> apply(List<DayFileRef> plan, boolean purge, Instant now, LocalDate today) throws IOException {
        Path backup = backupFolder(now);
        List<Done> done = new ArrayList<>();
        for (DayFileRef ref : plan) {
            Instant freshAt = ref.date().equals(today) ? now : null;
            if (purge) {
                done.add(new Done(ref, null, dir.files().delete(ref.file(), ref.key(), freshAt)));
            } else {
                long bytes = Files.size(ref.file());
                Path to = dir.files().moveAside(ref.file(),
                        backup.resolve(ref.file().getParent().getFileName()), ref.key(), freshAt);
                done.add(new Done(ref, to, bytes));
            }
        }
        return done;
    }
}
