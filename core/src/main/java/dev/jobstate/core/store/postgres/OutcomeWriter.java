package dev.jobstate.core.store.postgres;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Writes a batch of outcomes as one statement of arrays, in auto-commit: one round trip, durable. */
final class OutcomeWriter implements GroupCommit.Writer<Outcome> {

    private final PgConnections connections;
    private final ActivitySql sql;

    OutcomeWriter(PgConnections connections, ActivitySql sql) {
        this.connections = connections;
        this.sql = sql;
    }

    @Override
    public Object keyOf(Outcome row) {
        return row.rowKey();
    }

    @Override
    public Set<Outcome> write(List<Outcome> rows) throws SQLException {
        Object event = Telemetry.writeStarts();
        long inDatabase = 0;
        boolean written = false;
        try (Connection connection = connections.get();
             PreparedStatement statement = rows.size() == 1 ? one(connection, rows.get(0)) : many(connection, rows)) {
            long sent = System.nanoTime();
            try {
                Set<Outcome> applied = applied(statement, rows);
                written = true;
                return applied;
            } finally {
                inDatabase = System.nanoTime() - sent;
            }
        } finally {
            Telemetry.written(event, "postgres", event == null ? 0 : bytes(rows), rows.size(), inDatabase, written);
        }
    }

    /** Runs {@code statement}, which writes {@code rows}, and returns those the database took. */
    private static Set<Outcome> applied(PreparedStatement statement, List<Outcome> rows) throws SQLException {
        Map<Outcome.RowKey, Outcome> byKey = new HashMap<>();
        for (Outcome row : rows) {
            byKey.put(row.rowKey(), row);
        }
        Set<Outcome> applied = new HashSet<>();
        try (ResultSet written = statement.executeQuery()) {
            while (written.next()) {
                Outcome row = byKey.get(new Outcome.RowKey(new DayKey(written.getString(1), written.getString(2),
                        LocalDate.parse(written.getString(3))), written.getString(4)));
                if (row != null) {
                    applied.add(row);
                }
            }
        }
        return applied;
    }

    /** What the event calls the batch's size: the text of its ids, results and failures, in UTF-8. */
    private static long bytes(List<Outcome> rows) {
        long bytes = 0;
        for (Outcome row : rows) {
            for (String text : new String[] {row.id(), row.result(), row.exception(), row.message()}) {
                bytes += text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return bytes;
    }

    private PreparedStatement one(Connection connection, Outcome row) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.recordOne);
        statement.setString(1, row.key().account());
        statement.setString(2, row.key().type());
        statement.setString(3, row.key().date().toString());
        statement.setString(4, row.id());
        statement.setString(5, row.status());
        statement.setString(6, row.result());
        statement.setString(7, text(row.startedAt()));
        statement.setString(8, text(row.completedAt()));
        statement.setObject(9, row.durationMillis(), Types.BIGINT);
        statement.setString(10, text(row.failedAt()));
        statement.setString(11, row.exception());
        statement.setString(12, row.message());
        statement.setString(13, row.worker());
        statement.setObject(14, row.fence(), Types.BIGINT);
        statement.setObject(15, row.maxAttempts(), Types.BIGINT);
        return statement;
    }

    private PreparedStatement many(Connection connection, List<Outcome> rows) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.recordMany);
        int column = 1;
        statement.setArray(column++, texts(connection, rows, row -> row.key().account()));
        statement.setArray(column++, texts(connection, rows, row -> row.key().type()));
        statement.setArray(column++, texts(connection, rows, row -> row.key().date().toString()));
        statement.setArray(column++, texts(connection, rows, Outcome::id));
        statement.setArray(column++, texts(connection, rows, Outcome::status));
        statement.setArray(column++, texts(connection, rows, Outcome::result));
        statement.setArray(column++, texts(connection, rows, row -> text(row.startedAt())));
        statement.setArray(column++, texts(connection, rows, row -> text(row.completedAt())));
        statement.setArray(column++, longs(connection, rows, Outcome::durationMillis));
        statement.setArray(column++, texts(connection, rows, row -> text(row.failedAt())));
        statement.setArray(column++, texts(connection, rows, Outcome::exception));
        statement.setArray(column++, texts(connection, rows, Outcome::message));
        statement.setArray(column++, texts(connection, rows, Outcome::worker));
        statement.setArray(column++, longs(connection, rows, Outcome::fence));
        statement.setArray(column, longs(connection, rows, Outcome::maxAttempts));
        return statement;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Array texts(Connection connection, List<Outcome> rows, Function<Outcome, String> field)
            throws SQLException {
        return connection.createArrayOf("text", column(rows, field, String[]::new));
    }

    private static Array longs(Connection connection, List<Outcome> rows, Function<Outcome, Long> field)
            throws SQLException {
        return connection.createArrayOf("int8", column(rows, field, Long[]::new));
    }

    private static <V> V[] column(List<Outcome> rows, Function<Outcome, V> field, IntFunction<V[]> array) {
        V[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return values;
    }
}
