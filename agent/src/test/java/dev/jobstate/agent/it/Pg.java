package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jobstate.core.store.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the PostgreSQL integration tests share: a machine's folder and config, the {@code activity}
 * rows read back with plain JDBC as an operator would, the bots' side-effect file, bounded waits on
 * conditions, and signals to child JVMs.
 */
final class Pg {

    /** The type every {@code bots.PgBot} activity has. */
    static final String TYPE = "pg";
    /** The lease the tests configure: short, so a takeover happens within seconds. */
    static final int LEASE_SECONDS = 2;

    private Pg() {
    }

    /**
     * One row of {@code <schema>.activity}.
     *
     * @param result the jsonb as text ({@code "w1"} with its quotes for a string), null for none
     * @param startedAt when the last claim took the row, by the server's clock
     * @param leaseLive whether {@code lease_until} was still ahead of the server's clock when read
     */
    record Row(String account, String type, LocalDate day, String id, String status, String result, int attempts,
               String worker, Long fence, Instant startedAt, Instant leaseUntil, Instant completedAt,
               Instant updatedAt, boolean leaseLive) {

        /** How the rows map names it, and how the bots' side-effect lines do: {@code <account>/<id>}. */
        String key() {
            return account + "/" + id;
        }

        /** The columns a later run must not change, {@code lease_live} aside (time moves on). */
        Row settled() {
            return new Row(account, type, day, id, status, result, attempts, worker, fence, startedAt, leaseUntil,
                    completedAt, updatedAt, false);
        }
    }

    /**
     * A machine: its own folder under the test's workspace, holding the {@code config.json} that points
     * the agent at PostgreSQL as worker {@code worker}, and {@code state/} for the local fallback.
     */
    static Path machine(Workspace ws, String worker, String url, String schema) {
        String config = """
                {"jobState": {"store": "postgres", "dir": "state", "worker": "%s",
                  "postgres": {"url": "%s", "user": "%s", "schema": "%s",
                               "leaseSeconds": %d, "leaseWaitSeconds": 60}}}
                """.formatted(worker, url, TestDatabase.USER, schema, LEASE_SECONDS);
        return ws.write(worker + "/config.json", config).getParent();
    }

    /** Every row of the schema's {@code activity} table by {@link Row#key()}; empty before the agent made it. */
    static Map<String, Row> rows(TestDatabase db, String schema) {
        Map<String, Row> rows = new TreeMap<>();
        String sql = "SELECT account, type, day, id, status, result::text, attempts, worker, fence, started_at,"
                + " lease_until, completed_at, updated_at, coalesce(lease_until > clock_timestamp(), false) FROM " + schema
                + ".activity";
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                long fence = result.getLong(9);
                Row row = new Row(result.getString(1), result.getString(2), result.getObject(3, LocalDate.class),
                        result.getString(4), result.getString(5), result.getString(6), result.getInt(7),
                        result.getString(8), result.wasNull() ? null : fence, instant(result, 10),
                        instant(result, 11), instant(result, 12), instant(result, 13), result.getBoolean(14));
                rows.put(row.key(), row);
            }
        } catch (SQLException e) {
            // 3F000: no such schema; 42P01: no such table. The agent creates them on first use.
            if ("3F000".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                return rows;
            }
            throw new AssertionError("cannot read " + schema + ".activity", e);
        }
        return rows;
    }

    /**
     * The server's clock. Lease times are the server's, and the JVM's clock may differ from it (a test
     * run under libfaketime, a worker on another machine): waits on leases go by this one.
     */
    static Instant serverNow(TestDatabase db) {
        try {
            return Instant.parse(db.query("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
        } catch (SQLException e) {
            throw new AssertionError("cannot read the server's clock", e);
        }
    }

    /** The row of {@code <account>/<id>}, or null. */
    static Row row(TestDatabase db, String schema, String account, String id) {
        return rows(db, schema).get(account + "/" + id);
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /**
     * Polls {@code probe} until its value satisfies {@code until}, and returns that value; fails with
     * {@code what} and the last value seen after {@code limit}. Waiting on the outcome, not a fixed
     * sleep, keeps the tests fast when the machine is idle and right when it is busy.
     */
    static <T> T await(Supplier<T> probe, Predicate<T> until, Duration limit, Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (until.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("waited " + limit + " for " + what.get() + "; last seen: " + value);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + what.get());
            }
        }
    }

    /** Waits until a child JVM printed {@code line} (exactly); fails after {@code limit}. */
    static void awaitLine(ChildJvm.Running jvm, String line, Duration limit) {
        if (!jvm.awaitStdout(lines -> lines.contains(line), limit)) {
            fail("the child JVM did not print \"" + line + "\" within " + limit + " (alive: " + jvm.isAlive() + ")");
        }
    }

    /** {@code kill -<signal> <pid>}: STOP freezes a JVM as a stalled machine would be, CONT wakes it. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The side-effect file's lines, {@code <account>/item-<n>/<worker>}, as key → the workers that ran it. */
    static Map<String, List<String>> effects(Path file) {
        Map<String, List<String>> byKey = new TreeMap<>();
        if (!Files.exists(file)) {
            return byKey;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int slash = line.lastIndexOf('/');
                byKey.computeIfAbsent(line.substring(0, slash), k -> new ArrayList<>()).add(line.substring(slash + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byKey;
    }

    /** A JSON string's text as jsonb prints it: {@code "w1"}. */
    static String jsonString(String text) {
        return "\"" + text + "\"";
    }

    /** A signal file the bot waits for. */
    static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
