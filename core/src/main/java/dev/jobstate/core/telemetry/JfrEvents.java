package dev.jobstate.core.telemetry;

import dev.jobstate.core.model.DayKey;

/**
 * Begins and commits the Flight Recorder events. Loaded only once {@link Telemetry} saw the
 * recorder running; everyone else holds a begun event as a plain {@code Object}, so no other class
 * loads an event class.
 *
 * <p>Whether an event is on is asked of a probe instance that is never committed: {@code isEnabled}
 * reads only the event class's static state, which the recorder switches when a recording starts or
 * stops. While it is off nothing is allocated.
 */
final class JfrEvents {

    private static final ActivityEvent ACTIVITY = new ActivityEvent();
    private static final CheckpointEvent CHECKPOINT = new CheckpointEvent();

    private JfrEvents() {
    }

    /** Loads both event classes, so that a runtime that cannot fails here, once. */
    static void load() {
        if (ACTIVITY == null || CHECKPOINT == null) {
            throw new IllegalStateException("the Flight Recorder events did not load");
        }
    }

    /** @return a begun activity event, or null while no recording takes them */
    static Object activityBegins() {
        if (!ACTIVITY.isEnabled()) {
            return null;
        }
        ActivityEvent event = new ActivityEvent();
        event.begin();
        return event;
    }

    static void activityEnds(Object begun, String method, DayKey key, CharSequence id, ActivityOutcome outcome,
                             int attempts) {
        ActivityEvent event = (ActivityEvent) begun;
        event.end();
        if (!event.shouldCommit()) {
            return;
        }
        event.method = method;
        if (key != null) {
            event.account = key.account();
            event.type = key.type();
        }
        event.activityId = id == null ? null : id.toString();
        event.outcome = outcome.label();
        event.attempts = attempts;
        event.commit();
    }

    /** @return a begun checkpoint event, or null while no recording takes them */
    static Object checkpointBegins() {
        if (!CHECKPOINT.isEnabled()) {
            return null;
        }
        CheckpointEvent event = new CheckpointEvent();
        event.begin();
        return event;
    }

    static void checkpointEnds(Object begun, String store, long bytes, int batchSize, long syncNanos,
                               boolean succeeded) {
        CheckpointEvent event = (CheckpointEvent) begun;
        event.end();
        if (!event.shouldCommit()) {
            return;
        }
        event.store = store;
        event.bytes = bytes;
        event.batchSize = batchSize;
        event.syncTime = syncNanos;
        event.succeeded = succeeded;
        event.commit();
    }
}
