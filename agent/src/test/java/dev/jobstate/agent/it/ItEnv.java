package dev.jobstate.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build hands the integration tests (see failsafe's systemPropertyVariables in agent/pom.xml). */
final class ItEnv {

    private ItEnv() {
    }

    /** The shaded agent jar, as users attach it. */
    static Path agentJar() {
        return existing("jobstate.it.agentJar");
    }

    /** The api jar alone: the bots are compiled and run against it and nothing else of ours. */
    static Path apiJar() {
        return existing("jobstate.it.apiJar");
    }

    /** The folder of bot sources (not a Maven source root). */
    static Path botSources() {
        return existing("jobstate.it.bots");
    }

    /** The Flight Recorder settings file the repository ships, {@code jfr/jobstate.jfc}. */
    static Path jfrSettings() {
        return existing("jobstate.it.jfrSettings");
    }

    /** Where the tests make their working folders. */
    static Path workRoot() {
        return Path.of(required("jobstate.it.work")).toAbsolutePath();
    }

    /** A second JDK to run the child JVMs on, or null when this machine has none there. */
    static Path extraJdk() {
        String home = System.getProperty("jobstate.it.extraJdk", "");
        if (home.isBlank() || home.startsWith("${")) {
            return null;
        }
        Path path = Path.of(home);
        return Files.isExecutable(path.resolve("bin/java")) ? path : null;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the integration"
                    + " tests through Maven (mvn verify), which sets it");
        }
        return value;
    }

    private static Path existing(String property) {
        Path path = Path.of(required(property)).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist; build with mvn verify");
        }
        return path;
    }
}
