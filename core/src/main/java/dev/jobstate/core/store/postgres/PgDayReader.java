package dev.jobstate.core.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link DayState}s a day file would hold from a schema's rows: one query for the
 * activities of a scope and one for its resets, however many days it covers.
 */
final class PgDayReader {

    /** Keys sort as the queries sort: account, type (byte order, like folder names), then date. */
    static final Comparator<DayKey> KEY_ORDER = Comparator.comparing(DayKey::account)
            .thenComparing(DayKey::type).thenComparing(DayKey::date);

    private static final ObjectMapper JSON = new ObjectMapper();

    private PgDayReader() {
    }

    static List<DayState> read(Connection connection, String schema, PgScope scope) throws SQLException {
        Map<DayKey, Rows> days = new TreeMap<>(KEY_ORDER);
        try (PreparedStatement sql = connection.prepareStatement("SELECT account, type, day, id, status, result::text,"
                + " attempts, started_at, completed_at, duration_ms, failed_at, failure_exception, failure_message,"
                + " revoked_at, max_attempts, failed_attempts,"
                + " status = 'running' AND once AND (lease_until IS NULL OR lease_until <= now()) FROM " + schema + ".activity WHERE " + scope.where("")
                // Completed ids in the order the database recorded them (docs/time.md); the id breaks
                // any tie, so the same rows always read the same.
                + " ORDER BY account COLLATE \"C\", type COLLATE \"C\", day, completed_seq NULLS LAST, id COLLATE \"C\"")) {
            scope.bind(sql, 1);
            sql.setFetchSize(1000);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    DayKey key = new DayKey(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDate.class));
                    days.computeIfAbsent(key, Rows::new).add(rows);
                }
            }
        }
        try (PreparedStatement sql = connection.prepareStatement("SELECT account, type, day, reset_at FROM "
                + schema + ".day_reset WHERE " + scope.where(""))) {
            scope.bind(sql, 1);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    DayKey key = new DayKey(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDate.class));
                    days.computeIfAbsent(key, Rows::new).resetAt = instant(rows, 4);
                }
            }
        }
        List<DayState> states = new ArrayList<>(days.size());
        days.values().forEach(day -> states.add(day.state()));
        return states;
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** One day's rows as they arrive, completed ones in the order the database recorded them. */
    private static final class Rows {
        private final DayKey key;
        private final List<String> completed = new ArrayList<>();
        private final List<String> remaining = new ArrayList<>();
        private final Map<String, JsonNode> results = new LinkedHashMap<>();
        private final Map<String, LastFailure> failures = new LinkedHashMap<>();
        private final Map<String, Long> durations = new LinkedHashMap<>();
        private final Map<String, DayNotes.RunInfo> runs = new LinkedHashMap<>();
        private final Map<String, Instant> revoked = new LinkedHashMap<>();
        private final Map<String, Instant> inDoubt = new LinkedHashMap<>();
        private Instant lastUpdate;
        private Instant resetAt;

        Rows(DayKey key) {
            this.key = key;
        }

        void add(ResultSet row) throws SQLException {
            String id = row.getString(4);
            String status = row.getString(5);
            int attempts = row.getInt(7);
            Instant started = instant(row, 8);
            Instant completedAt = instant(row, 9);
            Instant failedAt = instant(row, 11);
            Instant revokedAt = instant(row, 14);
            if (status.equals("completed")) {
                completed.add(id);
                String result = row.getString(6);
                if (result != null) {
                    results.put(id, parse(result));
                }
                long duration = row.getLong(10);
                if (!row.wasNull()) {
                    durations.put(id, duration);
                }
            } else {
                remaining.add(id);
            }
            if (failedAt != null) {
                failures.put(id, new LastFailure(row.getString(12), row.getString(13), failedAt,
                        Math.max(1, row.getInt(16)), row.getInt(15)));
            }
            if (started != null) {
                runs.put(id, new DayNotes.RunInfo(started, attempts));
                if (row.getBoolean(17)) {
                    inDoubt.put(id, started); // a once activity whose worker died: a file says so with "started"
                }
            }
            if (revokedAt != null) {
                revoked.put(id, revokedAt);
            }
            seen(completedAt);
            seen(failedAt);
            seen(revokedAt);
        }

        private void seen(Instant at) {
            if (at != null && (lastUpdate == null || at.isAfter(lastUpdate))) {
                lastUpdate = at;
            }
        }

        DayState state() {
            seen(resetAt);
            DayNotes notes = runs.isEmpty() && revoked.isEmpty() && resetAt == null && inDoubt.isEmpty()
                    ? DayNotes.EMPTY : new DayNotes(runs, revoked, resetAt, inDoubt);
            return DayState.of(key, completed, remaining, lastUpdate, results, failures, durations, notes);
        }

        private static JsonNode parse(String json) throws SQLException {
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new SQLException("a result column holds JSON that does not parse: " + e.getOriginalMessage(), e);
            }
        }
    }
}
