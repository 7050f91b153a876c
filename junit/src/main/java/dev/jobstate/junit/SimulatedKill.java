package dev.jobstate.junit;

/**
 * What a run killed by {@link BotRuns#crashAt} or {@link BotRuns#crashAfter} throws, at the call it
 * is killed at and at every activity call after it, on every thread. To jobstate the run is dead
 * from that moment: nothing it decides or saves after it, as after a {@code kill -9}. An
 * {@code Error}, so that a bot's {@code catch (Exception e)} does not swallow it.
 */
public final class SimulatedKill extends Error {

    private static final long serialVersionUID = 1L;

    SimulatedKill(String message) {
        super(message, null, false, false);
    }
}
