package dev.jobstate.core.store.postgres;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Makes an operator's word reach running workers: every {@value #EVERY_MILLIS} ms, one query finds
 * the days an operator marked, unmarked or reset since the last look, and the store forgets them,
 * so its next use of each loads it afresh. Other workers' completions need no such look: claiming
 * an activity finds them.
 */
final class OperatorWatch {

    static final long EVERY_MILLIS = 2_000;

    private final PgConnections connections;
    private final ActivitySql sql;
    private final Outage outage;
    private final Background background;
    private final Consumer<DayKey> forget;
    private volatile boolean started;
    private String since;

    OperatorWatch(PgConnections connections, ActivitySql sql, Outage outage, Background background,
                  Consumer<DayKey> forget) {
        this.connections = connections;
        this.sql = sql;
        this.outage = outage;
        this.background = background;
        this.forget = forget;
    }

    /** Starts looking, from the database's time now; called when a day is first loaded. */
    void startFrom(Connection connection) throws SQLException {
        if (started) {
            return;
        }
        synchronized (this) {
            if (started) {
                return;
            }
            since = databaseNow(connection);
            background.every(EVERY_MILLIS, this::look);
            started = true;
        }
    }

    private synchronized void look() {
        if (outage.isOn()) {
            return;
        }
        try (Connection connection = connections.get()) {
            String now = databaseNow(connection);
            try (PreparedStatement changes = connection.prepareStatement(sql.operatorChanges)) {
                changes.setString(1, since);
                changes.setString(2, since);
                try (ResultSet rows = changes.executeQuery()) {
                    while (rows.next()) {
                        forget.accept(new DayKey(rows.getString(1), rows.getString(2), LocalDate.parse(rows.getString(3))));
                    }
                }
            }
            since = now;
        } catch (SQLException e) {
            outage.begin(e);
        } catch (RuntimeException e) {
            Log.errorOnce(this, "jobstate failed to look for an operator's changes in PostgreSQL", e);
        }
    }

    private static String databaseNow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT now()::text")) {
            row.next();
            return row.getString(1);
        }
    }
}
