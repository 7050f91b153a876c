package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Marks;
import dev.jobstate.cli.farm.PgFarm;
import dev.jobstate.cli.farm.StateDir;
import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.ConfigException;
import dev.jobstate.core.config.ConfigLoader;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.config.PostgresSettings;
import dev.jobstate.core.store.postgres.PgConnections;
import dev.jobstate.core.store.postgres.PgDays;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * Where the state is, found as the agent finds it: {@code --dir}, else what the config names
 * ({@code --config}, {@code -Djobstate.config}, {@code src/config.json}, {@code config.json}): its
 * PostgreSQL schema when {@code jobState.store} is {@code "postgres"}, else its folder, else
 * {@code sessions/job-state}; so in the bot's folder it just works. The choice between files and
 * PostgreSQL is made here, once: the commands get a {@link Farm} and never ask which it is.
 */
final class StateDirOptions {

    @Option(names = "--dir", paramLabel = "<folder>", description = "The state folder (default: from the config, as the agent finds it).")
    Path dir;

    @Option(names = "--config", paramLabel = "<file>", description = "The bot's config file (default: the agent's lookup: -Djobstate.config, src/config.json, config.json).")
    Path config;

    private JobStateConfig loaded;
    private AccountDays days;
    private PgFarm postgres;

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

    /**
     * The farm the commands read and change: the config's PostgreSQL schema, which must exist, or
     * the state folder, which must exist.
     */
    Farm farm() {
        return open(false);
    }

    /** Where marks go; with PostgreSQL, a missing schema is created, as a bot would. */
    Marks marks() {
        return open(true).marks();
    }

    /** The one place that picks the store: PostgreSQL when the config names it and no {@code --dir} names a folder. */
    private Farm open(boolean create) {
        return dir == null && config().usesPostgres() ? postgres(create) : stateDir();
    }

    /**
     * For the commands that move days between the config's PostgreSQL and files, and so need it by
     * name ({@code export}, {@code import}): an error unless the config names it and no {@code --dir}
     * names a folder. Then {@link #postgres(boolean)} opens it.
     */
    void requirePostgres(String command) {
        if (dir != null) {
            throw CliError.usage(command + " works on the PostgreSQL store the config names; --dir names a"
                    + " state folder, use --" + (command.equals("export") ? "to" : "from") + " <folder>");
        }
        if (!config().usesPostgres()) {
            throw CliError.usage(command + " needs PostgreSQL: the config (" + config().source()
                    + ") uses the file store; set \"jobState.store\": \"postgres\" and \"jobState.postgres\","
                    + " or pass --config <file>");
        }
    }

    /**
     * The config's PostgreSQL farm, over one connection kept for the command's life.
     *
     * @param create whether a missing schema is created (commands that write), or is an error: a
     *     typo in the schema name should not read as an empty farm
     */
    PgFarm postgres(boolean create) {
        if (postgres != null) {
            return postgres;
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
        postgres = new PgFarm(days, "PostgreSQL schema " + settings.schema() + " at " + safeUrl(settings.url()),
                config().stateDir());
        return postgres;
    }

    /**
     * Where the state is, for a page or a message, without opening anything: the state folder, or
     * the PostgreSQL schema and server; never the password.
     */
    String describe() {
        if (dir == null && config().usesPostgres()) {
            PostgresSettings settings = config().postgres();
            return "PostgreSQL schema " + settings.schema() + " at " + safeUrl(settings.url());
        }
        return dir != null ? dir.toAbsolutePath().normalize().toString() : config().stateDir().toString();
    }

    /** What must never be shown: the config's database password, as given and inside its URL. */
    List<String> secrets() {
        PostgresSettings settings = config().postgres();
        if (settings == null) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>();
        if (settings.password() != null && !settings.password().isEmpty()) {
            secrets.add(settings.password());
        }
        Matcher inUrl = PASSWORD_IN_URL.matcher(settings.url());
        while (inUrl.find()) {
            secrets.add(inUrl.group(1));
            try {
                secrets.add(URLDecoder.decode(inUrl.group(1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notEncoded) {
                // the text as it stands is the password
            }
        }
        return secrets;
    }

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)password=([^&]+)");

    /** A JDBC URL may carry the password as a parameter; messages never show it. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** The bot's zone ({@code jobState.timezone}): times are shown in it. */
    ZoneId zone() {
        return config().zone();
    }

    /** Which date is today for each account, as the agent decides it. */
    AccountDays days() {
        if (days == null) {
            days = new AccountDays(config());
        }
        return days;
    }

    /** Today for accounts no rule of {@code jobState.accounts} matches. */
    LocalDate today() {
        return days().defaultSchedule().dateAt(Instant.now());
    }

    /** {@code account}'s own today; with no account, {@link #today()}. */
    LocalDate today(String account) {
        return account == null ? today() : days().dateOf(account, Instant.now());
    }

    /** The latest date that is some account's today: where a range over the farm ends. */
    LocalDate latestToday() {
        return Collections.max(currentDates());
    }

    /** The earliest date that is some account's today: nothing from it on is any account's past. */
    LocalDate earliestToday() {
        return Collections.min(currentDates());
    }

    private Set<LocalDate> currentDates() {
        return days().currentDates(Instant.now());
    }

    LocalDate date(String text) {
        return date(text, null);
    }

    /** {@code --date}: today and yesterday are {@code account}'s own (with no account, the default day's). */
    LocalDate date(String text, String account) {
        if (text == null || text.equalsIgnoreCase("today")) {
            return today(account);
        }
        if (text.equalsIgnoreCase("yesterday")) {
            return today(account).minusDays(1);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw CliError.usage("'" + text + "' is not a date: use today, yesterday or YYYY-MM-DD");
        }
    }
}
