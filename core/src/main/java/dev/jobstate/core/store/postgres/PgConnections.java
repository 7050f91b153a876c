package dev.jobstate.core.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.store.OwnWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;

/**
 * The store's connections: a small pool, made on first use, whose every wait is short, because a
 * bot's thread waits on it. The schema is migrated once the first connection is had.
 */
public final class PgConnections implements AutoCloseable {

    /** How long to wait for a connection or an answer before calling the database unreachable. */
    static final int CONNECT_SECONDS = 3;
    static final int SOCKET_SECONDS = 15;

    private final PostgresSettings settings;
    private volatile HikariDataSource pool;
    private volatile boolean migrated;

    PgConnections(PostgresSettings settings) {
        this.settings = settings;
    }

    PostgresSettings settings() {
        return settings;
    }

    /** A pooled connection in auto-commit, the schema migrated; close it to give it back. */
    Connection get() throws SQLException {
        // The pool takes an interrupt for a failure to get a connection, which the store would take
        // for an outage. The interrupt is the host's: held back here, put back on the way out.
        boolean interrupted = Thread.interrupted();
        try {
            Connection connection = pool().getConnection();
            if (!migrated) {
                migrate(connection);
            }
            return connection;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void migrate(Connection connection) throws SQLException {
        if (migrated) {
            return;
        }
        try {
            PgSchema.migrate(connection, settings.schema());
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        migrated = true;
    }

    /** {@code synchronous_commit} as this server runs it: "off" would make checkpoints losable. */
    static String synchronousCommit(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SHOW synchronous_commit")) {
            row.next();
            return row.getString(1);
        }
    }

    private HikariDataSource pool() {
        HikariDataSource current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    // Made during an activity, on the host's thread: outside its context, or the pool's
                    // tasks and the driver's cleaner thread would carry that account for as long as they live.
                    current = pool = OwnWork.outsideAnyAccount(
                            () -> new HikariDataSource(config(settings, settings.poolSize(), "jobstate")));
                }
            }
        }
        return current;
    }

    /**
     * A pool of one connection, for a short-lived tool such as the CLI. It fails here, with the
     * driver's reason, when the server cannot be reached, rather than at the first query.
     */
    public static HikariDataSource single(PostgresSettings settings, String applicationName) {
        HikariConfig config = config(settings, 1, "jobstate " + applicationName);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(PostgresSettings settings, int size, String applicationName) {
        keepDriverFromHost();
        HikariConfig config = new HikariConfig();
        config.setPoolName(applicationName.replace(' ', '-'));
        // By class, not by name: the shaded jar relocates pgjdbc, and leaves no java.sql.Driver
        // service file for the host's DriverManager to find.
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(CONNECT_SECONDS));
        config.setValidationTimeout(TimeUnit.SECONDS.toMillis(1));
        // Start without a connection: an unreachable database is the fallback's business, not a
        // reason to fail the bot's first activity.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_SECONDS));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", applicationName);
        return config;
    }

    /**
     * pgjdbc's driver registers itself with {@link java.sql.DriverManager} when loaded, where the host
     * would find our relocated copy beside (or instead of) its own. Unregistered, the pool still
     * makes it directly. Only the relocated copy: unrelocated (core used as a library), it is the
     * host's own driver too.
     */
    private static void keepDriverFromHost() {
        if (Driver.class.getName().startsWith("dev.jobstate.shaded.")) {
            try {
                if (Driver.isRegistered()) {
                    Driver.deregister();
                }
            } catch (SQLException e) {
                Log.debug("could not unregister jobstate's PostgreSQL driver: " + Log.describe(e));
            }
        }
    }

    @Override
    public void close() {
        HikariDataSource current = pool;
        if (current != null) {
            current.close();
        }
    }
}
