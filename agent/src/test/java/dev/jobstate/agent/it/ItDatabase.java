package dev.jobstate.agent.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local PostgreSQL server for an IT class: a schema of its own, dropped after, and the config a
 * bot's folder needs to use it. No server: skipped with one line, or failed when {@code CI} is set.
 * Same server and variables as core's {@code TestDatabase}.
 */
final class ItDatabase implements BeforeAllCallback, AfterAllCallback {

    static final String URL = orElse(System.getenv("JOBSTATE_TEST_PG_URL"), "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = orElse(System.getenv("JOBSTATE_TEST_PG_USER"), "postgres");

    final String schema = "jobstate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** A config.json that points the agent and the CLI at this schema. */
    String config() {
        return """
                {"jobState": {"store": "postgres",
                  "postgres": {"url": "%s", "user": "%s", "schema": "%s"}}}
                """.formatted(URL, USER, schema);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }

    /** The first column of the first row of {@code sql} ({@code ${schema}} replaced), as text. */
    String query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql.replace("${schema}", schema))) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if (System.getenv("CI") != null) {
                Assertions.fail(why + "; CI is set, so the PostgreSQL tests must run");
            }
            System.err.println("[jobstate its] " + why + ": skipping " + context.getDisplayName());
            Assumptions.abort(why);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // The server went away after the tests ran; a leftover schema is harmless and named so.
        }
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
