package dev.jobstate.agent.cli;

import dev.jobstate.core.config.ConfigException;
import dev.jobstate.core.config.ConfigLoader;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.farm.StateDir;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * Where the state is, found as the agent finds it: {@code --dir}, else the folder the config names
 * ({@code --config}, {@code -Djobstate.config}, {@code src/config.json}, {@code config.json}), else
 * {@code sessions/job-state}; so in the bot's folder it just works.
 */
final class StateDirOptions {

    @Option(names = "--dir", paramLabel = "<folder>", description = "The state folder (default: from the config, as the agent finds it).")
    Path dir;

    @Option(names = "--config", paramLabel = "<file>", description = "The bot's config file (default: the agent's lookup: -Djobstate.config, src/config.json, config.json).")
    Path config;

    private JobStateConfig loaded;

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
        } catch (java.time.format.DateTimeParseException e) {
            throw CliError.usage("'" + text + "' is not a date: use today, yesterday or YYYY-MM-DD");
        }
    }
}
