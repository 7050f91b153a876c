package dev.jobstate.core.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and how the PostgreSQL store keeps state ({@code jobState.postgres} in the config).
 *
 * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param user null for the driver's default (the OS user)
 * @param password null for none; {@code JOBSTATE_PG_PASSWORD} fills it when the config has none
 * @param schema the schema holding jobstate's tables, created if missing
 * @param poolSize connections kept open: one writes checkpoint batches, the others serve claims and loads
 * @param lease how long a claim on an activity lasts unless renewed; a live worker renews it every
 *     third of that, so only a dead or stalled worker's claim runs out
 * @param leaseWait how long a worker waits for another worker's claimed activity to end before it
 *     runs the activity itself
 */
public record PostgresSettings(String url, String user, String password, String schema, int poolSize,
                               Duration lease, Duration leaseWait) {

    public static final String DEFAULT_SCHEMA = "jobstate";
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMinutes(10);
    public static final String PASSWORD_VARIABLE = "JOBSTATE_PG_PASSWORD";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Whether {@code name} can be used as a schema name as is: the store writes it into SQL unquoted,
     * so a name is accepted only in the form that needs no quoting.
     */
    public static boolean isValidSchemaName(String name) {
        return name != null && SCHEMA_NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        // Never print the password: settings end up in logs.
        return "PostgresSettings[url=" + url + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize
                + ", lease=" + lease + ", leaseWait=" + leaseWait + "]";
    }
}
