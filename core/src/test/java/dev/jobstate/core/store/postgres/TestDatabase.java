package dev.jobstate.core.store.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local PostgreSQL server for a test class, with a schema of its own that is dropped after it.
 * Without a server the tests are skipped with one line, unless {@code CI} is set: there they must
 * run, so a missing server fails them.
 *
 * <p>Server and user come from {@code JOBSTATE_TEST_PG_URL} and {@code JOBSTATE_TEST_PG_USER}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}, trust auth).
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    public static final String URL = env("JOBSTATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("JOBSTATE_TEST_PG_USER", "postgres");
    private static final AtomicBoolean SAID_SKIPPING = new AtomicBoolean();

    private final String schema = "jobstate_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final List<String> others = new ArrayList<>();

    /** A schema name no other test run uses. */
    public String schema() {
        return schema;
    }

    /**
     * Another schema name of this class's, {@code <schema()>_<label>}, dropped with it: for tests
     * that each need an empty one, such as a parameterized test run once per JDK.
     */
    public synchronized String schema(String label) {
        String name = schema + "_" + label;
        if (!PgSchema.isValidName(name)) {
            throw new IllegalArgumentException("not a schema name: " + name);
        }
        if (!others.contains(name)) {
            others.add(name);
        }
        return name;
    }

    public String url() {
        return URL;
    }

    /** The server's host, from {@link #URL}: what a {@link TcpProxy} forwards to. */
    public String host() {
        return server().getHost();
    }

    /** The server's port, from {@link #URL}. */
    public int port() {
        int port = server().getPort();
        return port < 0 ? 5432 : port;
    }

    /** {@link #URL} with its host and port replaced by {@code 127.0.0.1:<port>}, to go through a proxy. */
    public String urlVia(int port) {
        URI server = server();
        return "jdbc:postgresql://127.0.0.1:" + port + server.getRawPath()
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    private static URI server() {
        return URI.create(URL.substring("jdbc:".length()));
    }

    public String user() {
        return USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }

    /** The first column of the first row of {@code sql} ({@code ${schema}} replaced), as text, or null. */
    public String query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql.replace("${schema}", schema))) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** Runs {@code sql} (one statement, {@code ${schema}} replaced), for test setup and checks. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql.replace("${schema}", schema));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if (System.getenv("CI") != null) {
                Assertions.fail(why + "; CI is set, so the PostgreSQL tests must run: start the server"
                        + " (.ci/run does) or point JOBSTATE_TEST_PG_URL at one");
            }
            if (SAID_SKIPPING.compareAndSet(false, true)) {
                System.err.println("[jobstate tests] " + why + ": skipping the PostgreSQL tests"
                        + " (set CI to make this a failure)");
            }
            Assumptions.abort(why);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            List<String> extra;
            synchronized (this) {
                extra = List.copyOf(others);
            }
            for (String other : extra) {
                statement.execute("DROP SCHEMA IF EXISTS " + other + " CASCADE");
            }
        } catch (SQLException e) {
            // The server went away after the tests ran; a leftover schema is harmless and named so.
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
