package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.postgres.PgConnections;
import dev.jobstate.core.store.postgres.PgDays;
import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's index of a PostgreSQL farm: today summarized as {@code status} does, the accounts
 * whose rows changed told apart, and a release from quarantine seen though no activity row changes.
 */
class PgTodayIndexTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-20T10:30:00Z"), ZoneOffset.UTC);

    private HikariDataSource pool;
    private PgDays days;
    private PgFarm farm;

    @BeforeEach
    void emptySchema() throws SQLException {
        pool = PgConnections.single(new PostgresSettings(db.url(), db.user(), null, db.schema(), 1, null, null), "test");
        days = new PgDays(pool, db.schema());
        days.migrate();
        for (String table : List.of("activity", "day_reset", "activity_backup", "quarantine_release")) {
            db.execute("DELETE FROM ${schema}." + table);
        }
        farm = new PgFarm(days);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void onlyTheAccountsWhoseRowsChangedGetANewVersion() throws Exception {
        merge("alice@example.com", List.of("a"), Map.of());
        merge("bob@example.com", List.of("a"), Map.of());
        TodayIndex index = farm.todayIndex(new AccountDays(config()), 0, CLOCK);

        assertTrue(index.refresh().changed());
        assertEquals(farm.status(Scope.day(TODAY), Progress.NONE), index.today().status(), "as status counts");
        long version = index.today().version();
        assertEquals(new TodayIndex.Refresh(2, 0, false), index.refresh());

        farm.mark(new DayKey("bob@example.com", "daily-set", TODAY), "b");
        TodayIndex.Refresh changed = index.refresh();

        assertEquals(new TodayIndex.Refresh(2, 1, true), changed);
        assertEquals(farm.status(Scope.day(TODAY), Progress.NONE), index.today().status(),
                "a look that summarized only bob again counts as a whole pass does");
        assertEquals(version + 1, index.versionOf("bob@example.com"));
        assertTrue(index.versionOf("alice@example.com") <= version);
    }

    @Test
    void aReleaseFromQuarantineIsSeenThoughNoActivityRowChanged() throws Exception {
        Instant at = CLOCK.instant().minusSeconds(60);
        merge("alice@example.com", List.of(), Map.of("q", new LastFailure("java.io.IOException", "down", at, 3)));
        merge("bob@example.com", List.of("a"), Map.of());
        TodayIndex index = farm.todayIndex(new AccountDays(config()), 3, CLOCK);
        index.refresh();
        assertEquals(Map.of("alice@example.com", 3), index.today().quarantined());

        farm.release("alice@example.com", TODAY);
        index.refresh();

        assertEquals(Map.of(), index.today().quarantined());
    }

    private void merge(String account, List<String> completed, Map<String, LastFailure> failures) throws SQLException {
        DayKey key = new DayKey(account, "daily-set", TODAY);
        days.merge(DayState.of(key, completed, failures.keySet(), CLOCK.instant().minusSeconds(60), Map.of(), failures,
                Map.of()), "test");
    }

    private static JobStateConfig config() {
        return new JobStateConfig(true, Path.of("state"), ZoneOffset.UTC, "default", "test");
    }
}
