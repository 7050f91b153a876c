package dev.jobstate.cli.farm;

import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Marks an activity done by hand, or to be done again, through the agent's own store: the same
 * folder lock, re-read and atomic replace as a bot's checkpoint, so it is safe while bots run.
 */
final class FileMarks implements Marks {

    private final FileStateStore store;
    private final Clock clock;

    FileMarks(StateDir dir, Clock clock) {
        this.store = new FileStateStore(dir.root(), clock, new PersistenceHealth());
        this.clock = clock;
    }

    @Override
    public Outcome mark(DayKey key, String id) throws IOException {
        if (store.reread(key).isCompleted(id)) {
            return Outcome.ALREADY_SO;
        }
        store.checkpoint(key, new Mutation.Marked(id, clock.instant()));
        return Outcome.CHANGED;
    }

    /**
     * A completed id runs again; a failed one gets its attempts back (one given up on runs again);
     * one in doubt ({@code @Activity(once = true)} started and never ended) runs again. Any other id
     * (or a day with no file) is left alone: nothing to undo.
     */
    @Override
    public Outcome unmark(DayKey key, String id) throws IOException {
        if (!Files.exists(store.fileOf(key))) {
            return Outcome.ALREADY_SO;
        }
        Completions day = store.reread(key);
        if (!day.isCompleted(id) && day.failure(id) == null && day.startedAt(id) == null) {
            return Outcome.ALREADY_SO;
        }
        store.checkpoint(key, new Mutation.Unmarked(id, clock.instant()));
        return Outcome.CHANGED;
    }
}
