package dev.jobstate.junit;

import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;

/**
 * The file store of one run, which a kill silences: from then on it writes nothing, whichever
 * thread asks (work the bot handed to a pool, a future completing late), as nothing of a killed
 * process reaches its disk.
 */
final class KillableStore implements StateStore {

    private final FileStateStore files;
    private volatile boolean killed;

    KillableStore(FileStateStore files) {
        this.files = files;
    }

    void kill() {
        killed = true;
    }

    boolean isKilled() {
        return killed;
    }

    /** The run is over: its journal goes as at a clean exit, or stays as a dead process's. */
    void runOver() {
        files.runOver(killed);
    }

    @Override
    public Completions read(DayKey key, long nowMillis) {
        return files.read(key, nowMillis);
    }

    @Override
    public Claim claim(DayKey key, String id) {
        return files.claim(key, id);
    }

    @Override
    public Claim claimOnce(DayKey key, String id) {
        return files.claimOnce(key, id);
    }

    @Override
    public void checkpoint(DayKey key, Mutation change, Lease lease) throws IOException {
        if (!killed) {
            files.checkpoint(key, change, lease);
        }
    }

    @Override
    public void runStarted(DayKey key, String id) {
        if (!killed) {
            files.runStarted(key, id);
        }
    }

    @Override
    public void runEnded(DayKey key, String id) {
        if (!killed) {
            files.runEnded(key, id);
        }
    }

    @Override
    public void retainOnly(Set<LocalDate> dates) {
        files.retainOnly(dates);
    }

    @Override
    public AccountFailures failures(String account, LocalDate date) throws IOException {
        return files.failures(account, date);
    }
}
