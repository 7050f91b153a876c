package dev.jobstate.core.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jobstate.core.config.PostgresSettings;

/** Connections for a short-lived tool such as the CLI: one connection, reused, opened at once. */
public final class PgConnections {

    private PgConnections() {
    }

    /**
     * A pool of one connection to {@code settings}' database. It fails here, with the driver's
     * reason, when the server cannot be reached, rather than at the first query.
     */
    public static HikariDataSource single(PostgresSettings settings, String applicationName) {
        HikariConfig config = new HikariConfig();
        // Named by class, not found through DriverManager: the agent jar relocates the driver and
        // drops its service file, so the host's DriverManager never sees it.
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        config.setPoolName("jobstate-" + applicationName);
        config.addDataSourceProperty("ApplicationName", "jobstate " + applicationName);
        return new HikariDataSource(config);
    }
}
