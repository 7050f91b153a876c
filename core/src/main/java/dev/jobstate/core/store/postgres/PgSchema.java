package dev.jobstate.core.store.postgres;

import dev.jobstate.core.config.PostgresSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and migrates jobstate's tables in their schema. Versioned ({@code schema_version} holds
 * the versions applied; {@code V<n>.sql} are the steps), idempotent, and safe when several workers
 * start at once: each migrates under a transaction-scoped advisory lock, so the first does the work
 * and the others find it done.
 */
final class PgSchema {

    /** The version this build writes; a database at a newer one is refused rather than misread. */
    public static final int VERSION = 4;

    private PgSchema() {
    }

    /** Whether {@code name} can be used as a schema name as is (it is written into SQL unquoted). */
    public static boolean isValidName(String name) {
        return PostgresSettings.isValidSchemaName(name);
    }

    /** Brings {@code schema} to {@link #VERSION}, creating it if needed. */
    public static void migrate(Connection connection, String schema) throws SQLException {
        if (!isValidName(schema)) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT pg_advisory_xact_lock(hashtext('jobstate schema " + schema + "'))");
            sql.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            sql.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current = currentVersion(sql, schema);
            if (current > VERSION) {
                throw new SQLException("schema " + schema + " is at version " + current
                        + ", newer than this jobstate understands (" + VERSION + "); use a newer jobstate.jar");
            }
            for (int version = current + 1; version <= VERSION; version++) {
                for (String statement : statements(version, schema)) {
                    sql.execute(statement);
                }
                sql.execute("INSERT INTO " + schema + ".schema_version (version) VALUES (" + version + ")");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Statement sql, String schema) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The statements of {@code V<version>.sql}: comment lines dropped, split at a ';' ending a line. */
    static List<String> statements(int version, String schema) {
        String script;
        try (InputStream in = PgSchema.class.getResourceAsStream("V" + version + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("migration V" + version + ".sql is missing from the jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.replace("${schema}", schema).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        return statements;
    }
}
