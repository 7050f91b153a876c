package dev.jobstate.core.store.contract;

import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class FileStoreContractTest extends StateStoreContract {

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return new FileStateStore(dir, Clock.systemUTC(), new PersistenceHealth());
    }

    /** A file store holds nothing that lapses: what it wrote is all the next process sees. */
    @Override
    protected void dies(StateStore store) {
    }
}
