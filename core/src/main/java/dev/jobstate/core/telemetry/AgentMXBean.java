package dev.jobstate.core.telemetry;

/**
 * {@code dev.jobstate:type=Agent}: jobstate's live counters in a bot's JVM, in plain types so that
 * jconsole and the Prometheus JMX exporter read them as they are. Counts are since the JVM started;
 * a call counts once, when jobstate decided it or, for one that ran, when its outcome was saved.
 */
public interface AgentMXBean {

    /** Calls whose body ran tracked, however they ended (completed, failed, or not recorded). */
    long getActivitiesRun();

    /** Calls that ran and whose completion was checkpointed. */
    long getActivitiesCompleted();

    /** Calls that ran and failed (after any retries within the call). */
    long getActivitiesFailed();

    /** Calls skipped because they were done today (or that shared a pending call's future). */
    long getActivitiesSkipped();

    /** Calls refused because the activity used up its failed attempts today. */
    long getActivitiesGivenUp();

    /** Calls refused because their account is in quarantine. */
    long getActivitiesQuarantined();

    /** Calls refused because the once activity is in doubt. */
    long getActivitiesInDoubt();

    /** Calls that ran without jobstate (an id or account it could not resolve, a recursion). */
    long getActivitiesUntracked();

    /**
     * Outcomes the engine checkpointed (a failed attempt that is retried is one too). Not the start
     * a once activity records before it runs: with PostgreSQL that is the claim, not a write.
     */
    long getCheckpoints();

    /** Outcomes that could not be made durable (kept in memory for the next write). */
    long getCheckpointFailures();

    /** The median time a checkpoint took, in ms, over the last 1,024 of the last five minutes. */
    double getCheckpointLatencyP50Millis();

    double getCheckpointLatencyP95Millis();

    double getCheckpointLatencyP99Millis();

    /** How many checkpoints the percentiles are taken over; 0 (and the percentiles 0) when none. */
    int getCheckpointLatencySamples();

    /** False while saving state fails (a full or read-only disk): what completes is kept in memory. */
    boolean isSavingHealthy();

    /** The last problem saving or reading state, even if saving works again since; null if none. */
    String getLastProblem();

    /** The store in use: {@code file} or {@code postgres}. */
    String getStore();

    /** True while PostgreSQL cannot be used and checkpoints go to the local files. */
    boolean isDatabaseOutage();
}
