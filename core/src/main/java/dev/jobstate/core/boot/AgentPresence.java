package dev.jobstate.core.boot;

/**
 * Whether the agent is in this JVM, as a system property rather than a static field: a copy of the
 * agent loaded by another class loader sees it too, and {@code jobstate attach} reads it from
 * outside (through the attach API's view of the target's system properties) to tell a second
 * attach apart before it loads anything.
 */
public final class AgentPresence {

    /** Set once the agent is in the JVM; its value says how it came: {@code premain} or {@code agentmain}. */
    public static final String PROPERTY = "jobstate.agent";

    private AgentPresence() {
    }

    /**
     * Marks the agent present, unless it already was.
     *
     * @return false when it already was: a second copy must then do nothing
     */
    public static synchronized boolean claim(String how) {
        if (System.getProperty(PROPERTY) != null) {
            return false;
        }
        System.setProperty(PROPERTY, how);
        return true;
    }

    public static boolean isPresent() {
        return System.getProperty(PROPERTY) != null;
    }

    private static volatile String arguments;

    /**
     * Keeps the agent's arguments ({@code config=<path>}) at premain, in this small class rather
     * than {@link JobStateRuntime}, whose loading would pull in the stores: a {@code JobState.activity}
     * call that comes before any annotated class starts jobstate with them too.
     */
    public static void rememberArguments(String agentArgs) {
        arguments = agentArgs;
    }

    /** The arguments the agent came with, or null. */
    static String arguments() {
        return arguments;
    }
}
