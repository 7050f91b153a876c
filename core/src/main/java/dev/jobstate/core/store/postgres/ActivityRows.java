package dev.jobstate.core.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The store's single-row statements ({@link ActivitySql}), bound and read. */
final class ActivityRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActivitySql sql;

    ActivityRows(ActivitySql sql) {
        this.sql = sql;
    }

    /**
     * A row as a worker that could not claim it sees it.
     *
     * @param leaseLeftMillis null when no live lease holds it
     * @param once whether it is an {@code @Activity(once = true)}'s
     */
    record Holder(boolean completed, String worker, String result, Long leaseLeftMillis, boolean once,
                  Instant startedAt) {

        /** A once activity whose worker died in the middle: running, with no live lease. */
        boolean inDoubt() {
            return once && !completed && leaseLeftMillis == null && startedAt != null;
        }
    }

    Completions loadDay(Connection connection, DayKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.loadDay)) {
            bindDay(select, key);
            List<String> ids = new ArrayList<>();
            Map<String, JsonNode> results = new HashMap<>();
            Map<String, LastFailure> failures = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (rows.getBoolean(3)) {
                        ids.add(id);
                        JsonNode result = json(rows.getString(2));
                        if (result != null) {
                            results.put(id, result);
                        }
                    } else {
                        Timestamp failedAt = rows.getTimestamp(7);
                        failures.put(id, new LastFailure(rows.getString(5), rows.getString(6),
                                failedAt == null ? Instant.EPOCH : failedAt.toInstant(), rows.getInt(4), rows.getInt(8)));
                    }
                }
            }
            return ids.isEmpty() && failures.isEmpty() ? Completions.NONE
                    : Completions.of(DayState.of(key, ids, List.of(), null, results, failures, Map.of()));
        }
    }

    /** @return the new fencing token, or null when the activity is completed or held by a live lease */
    Long claim(Connection connection, DayKey key, String id, String worker, long leaseMillis, boolean once)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(once ? sql.claimOnce : sql.claim)) {
            bindDay(claim, key);
            claim.setString(4, id);
            claim.setString(5, worker);
            claim.setLong(6, leaseMillis);
            try (ResultSet row = claim.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    /** @return the row, or null when there is none */
    Holder inspect(Connection connection, DayKey key, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.inspect)) {
            bindDay(select, key);
            select.setString(4, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long left = row.getLong(4);
                Long leaseLeft = row.wasNull() ? null : left;
                Timestamp started = row.getTimestamp(6);
                return new Holder("completed".equals(row.getString(1)), row.getString(2), row.getString(3),
                        leaseLeft, row.getBoolean(5) && "running".equals(row.getString(1)),
                        started == null ? null : started.toInstant());
            }
        }
    }

    private static void bindDay(PreparedStatement statement, DayKey key) throws SQLException {
        statement.setString(1, key.account());
        statement.setString(2, key.type());
        statement.setString(3, key.date().toString());
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the database holds a result that is not JSON: " + e.getMessage(), e);
        }
    }
}
