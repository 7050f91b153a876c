package dev.jobstate.agent.cli;

import dev.jobstate.core.config.ConfigException;
import dev.jobstate.core.config.ConfigLoader;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.farm.DaySource;
import dev.jobstate.core.farm.FileMarks;
import dev.jobstate.core.farm.Marks;
import dev.jobstate.core.farm.PgFarm;
import dev.jobstate.core.farm.StateDir;
import dev.jobstate.core.store.postgres.PgConnections;
import dev.jobstate.core.store.postgres.PgDays;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * Where the state is, found as the agent finds it: {@code --dir}, else what the config names
 * ({@code --config}, {@code -Djobstate.config}, {@code src/config.json}, {@code config.json}): its
 * PostgreSQL schema when {@code jobState.store} is {@code "postgres"}, else its folder, else
 * {@code sessions/job-state}; so in the bot's folder it just works.
 */
final class StateDirOptions {

    @Option(names = "--dir", paramLabel = "<folder>", description = "The state folder (default: from the config, as the agent finds it).")
    Path dir;

    @Option(names = "--config", paramLabel = "<file>", description = "The bot's config file (default: the agent's lookup: -Djobstate.config, src/config.json, config.json).")
    Path config;

    private JobStateConfig loaded;
    private PgFarm farm;

    JobStateConfig config() {
        if (loaded == null) {
            Path cwd = Path.of("").toAbsolutePath();
            try {
                loaded = new ConfigLoader(cwd).load(config == null ? null : "config=" + config,
                        System.getProperty(ConfigLoader.SYSTEM_PROPERTY));
            } catch (ConfigException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        return loaded;
    }

    /** The state folder, which must exist: a typo should not read as an empty farm. */
    StateDir stateDir() {
        Path root = dir != null ? dir.toAbsolutePath().normalize() : config().stateDir();
        StateDir state = new StateDir(root);
        if (!state.exists()) {
            throw CliError.usage("no state folder at " + root + (dir != null ? "" : " (from " + config().source()
                    + "); pass --dir or run in the bot's folder"));
        }
        return state;
    }

    /** Whether commands act on PostgreSQL: the config names it and no {@code --dir} names a folder. */
    boolean usesPostgres() {
        return dir == null && config().usesPostgres();
    }

    /** Where the days are read from: the database or the state folder. */
    DaySource source() {
        return usesPostgres() ? farm(false) : stateDir();
    }

    Marks marks() {
        return usesPostgres() ? farm(true) : new FileMarks(stateDir(), Clock.systemUTC());
    }

    /**
     * The config's PostgreSQL farm, over one connection kept for the command's life.
     *
     * @param create whether a missing schema is created (commands that write), or is an error: a
     *     typo in the schema name should not read as an empty farm
     */
    PgFarm farm(boolean create) {
        if (farm != null) {
            return farm;
        }
        PostgresSettings settings = config().postgres();
        if (settings == null) {
            throw CliError.usage("the config (" + config().source() + ") does not name PostgreSQL: set"
                    + " \"jobState.store\": \"postgres\" and \"jobState.postgres\", or pass --config");
        }
        String where = safeUrl(settings.url()) + " as " + (settings.user() == null ? "the default user" : settings.user());
        DataSource pool;
        try {
            pool = PgConnections.single(settings, "cli");
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CliError(CliError.PROBLEMS, "cannot reach PostgreSQL at " + where + ": " + cause.getMessage());
        }
        PgDays days = new PgDays(pool, settings.schema());
        try {
            if (create) {
                days.migrate();
            } else if (!days.exists()) {
                throw CliError.usage("no jobstate tables in schema " + settings.schema() + " at " + where
                        + " (from " + config().source() + ")");
            }
        } catch (SQLException e) {
            throw new CliError(CliError.PROBLEMS, "PostgreSQL at " + where + ": " + e.getMessage());
        }
        farm = new PgFarm(days);
        return farm;
    }

    /** For messages: the schema and server the commands act on, or the state folder. */
    String describe() {
        if (!usesPostgres()) {
            return stateDir().root().toString();
        }
        PostgresSettings settings = config().postgres();
        return "PostgreSQL schema " + settings.schema() + " at " + safeUrl(settings.url());
    }

    /** A JDBC URL may carry the password as a parameter; messages never show it. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The bot's zone: it decides which date is today. */
    ZoneId zone() {
        return config().zone();
    }

    LocalDate today() {
        return LocalDate.now(zone());
    }

    LocalDate date(String text) {
        if (text == null || text.equalsIgnoreCase("today")) {
            return today();
        }
        if (text.equalsIgnoreCase("yesterday")) {
            return today().minusDays(1);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw CliError.usage("'" + text + "' is not a date: use today, yesterday or YYYY-MM-DD");
        }
    }
}
