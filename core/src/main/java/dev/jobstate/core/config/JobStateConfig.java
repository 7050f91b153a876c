package dev.jobstate.core.config;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The settings the agent runs with, resolved: paths are absolute, the zone is known.
 *
 * @param source where the settings came from, for messages ("config.json", "defaults")
 */
public record JobStateConfig(boolean enabled, Path stateDir, ZoneId zone, String defaultAccount,
                             String source) {

    public static final String DEFAULT_ACCOUNT = "default";
    public static final String DEFAULT_SESSION_PATH = "sessions";

    /** The settings when there is no config file: enabled, {@code sessions/job-state}, JVM zone. */
    public static JobStateConfig defaults(Path workingDir) {
        return new JobStateConfig(true,
                workingDir.resolve(DEFAULT_SESSION_PATH).resolve("job-state").toAbsolutePath().normalize(),
                ZoneId.systemDefault(), DEFAULT_ACCOUNT, "defaults");
    }
}
