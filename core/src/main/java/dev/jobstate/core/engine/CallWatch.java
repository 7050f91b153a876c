package dev.jobstate.core.engine;

import dev.jobstate.core.telemetry.ActivityOutcome;

/**
 * What a test harness ({@code jobstate-junit}) sees of each call, and where it stops a run as a
 * kill would. An engine in a bot's JVM has none.
 */
public interface CallWatch {

    /**
     * A call decided without running its body: skipped, refused or shared.
     *
     * @param value what a skipped call returns instead of running, else null
     */
    void decided(String account, String type, String id, ActivityOutcome outcome, Object value);

    /**
     * A call is about to run its body (its claim, and a once activity's start, are saved).
     *
     * @return an error for the call to throw instead, from which on the engine decides and saves
     *     nothing more (the process died here); null to run the body
     */
    Error beforeBody(String account, String type, String id);

    /**
     * The body returned {@code returned} or threw {@code thrown}.
     *
     * @return an error for the call to throw instead of saving its outcome, from which on the engine
     *     decides and saves nothing more; null to go on
     */
    Error afterBody(String account, String type, String id, Object returned, Throwable thrown);
}
