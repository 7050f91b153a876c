package dev.jobstate.core.store.contract;

import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.postgres.PostgresStateStore;
import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PostgresStoreContractTest extends StateStoreContract {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private int workers;

    @BeforeEach
    void emptySchema() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS ${schema} CASCADE");
    }

    @Override
    protected StateStore newStore() {
        String worker = "worker-" + ++workers;
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), null, db.schema(), 4,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        FileStateStore fallback = new FileStateStore(dir.resolve(worker), Clock.systemUTC(), new PersistenceHealth());
        return new PostgresStateStore(settings, worker, fallback, Clock.systemUTC());
    }

    /** Its leases stop being renewed; the test lets them run out now rather than in leaseSeconds. */
    @Override
    protected void dies(StateStore store) throws SQLException {
        ((PostgresStateStore) store).close();
        db.execute("UPDATE ${schema}.activity SET lease_until = now() - interval '1 second' WHERE status = 'running'");
    }
}
