package dev.jobstate.core.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The settings the agent runs with, resolved: paths are absolute, the zone is known.
 *
 * @param stateDir the file store's folder; with PostgreSQL, where checkpoints go while the
 *     database is unreachable
 * @param source where the settings came from, for messages ("config.json", "defaults")
 * @param postgres the PostgreSQL store's settings, or null for the file store
 * @param worker this process's name in a shared store (who holds a lease, who completed what), or
 *     null with the file store
 * @param dayStartsAt the local time, in {@code zone}, at which an account's day starts unless a
 *     rule says otherwise ({@code jobState.dayStartsAt}, midnight by default)
 * @param accounts the rules of {@code jobState.accounts}, in the order listed: the first whose
 *     pattern matches an account decides its day ({@link AccountDays})
 */
public record JobStateConfig(boolean enabled, Path stateDir, ZoneId zone, String defaultAccount,
                             String source, PostgresSettings postgres, String worker,
                             LocalTime dayStartsAt, List<AccountRule> accounts, int quarantineFailuresPerDay) {

    public JobStateConfig {
        dayStartsAt = dayStartsAt == null ? LocalTime.MIDNIGHT : dayStartsAt;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** No quarantine. */
    public JobStateConfig(boolean enabled, Path stateDir, ZoneId zone, String defaultAccount,
                          String source, PostgresSettings postgres, String worker,
                          LocalTime dayStartsAt, List<AccountRule> accounts) {
        this(enabled, stateDir, zone, defaultAccount, source, postgres, worker, dayStartsAt, accounts, 0);
    }

    /** This config with accounts quarantined after {@code failuresPerDay} failures a day (0: never). */
    public JobStateConfig withQuarantine(int failuresPerDay) {
        return new JobStateConfig(enabled, stateDir, zone, defaultAccount, source, postgres, worker, dayStartsAt,
                accounts, failuresPerDay);
    }

    /** Every account's day starts at midnight in {@code zone}. */
    public JobStateConfig(boolean enabled, Path stateDir, ZoneId zone, String defaultAccount,
                          String source, PostgresSettings postgres, String worker) {
        this(enabled, stateDir, zone, defaultAccount, source, postgres, worker, LocalTime.MIDNIGHT, List.of());
    }

    public static final String DEFAULT_ACCOUNT = "default";
    public static final String DEFAULT_SESSION_PATH = "sessions";

    /** File store settings. */
    public JobStateConfig(boolean enabled, Path stateDir, ZoneId zone, String defaultAccount, String source) {
        this(enabled, stateDir, zone, defaultAccount, source, null, null);
    }

    /** The settings when there is no config file: enabled, {@code sessions/job-state}, JVM zone. */
    public static JobStateConfig defaults(Path workingDir) {
        return new JobStateConfig(true,
                workingDir.resolve(DEFAULT_SESSION_PATH).resolve("job-state").toAbsolutePath().normalize(),
                ZoneId.systemDefault(), DEFAULT_ACCOUNT, "defaults");
    }

    public boolean usesPostgres() {
        return postgres != null;
    }

    /** Host name and pid, {@code bot-host-3:41234}: unique among live processes, readable in a row. */
    public static String defaultWorker() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    // The kernel's name first: InetAddress.getLocalHost() can wait seconds on a resolver.
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: ask the resolver.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
