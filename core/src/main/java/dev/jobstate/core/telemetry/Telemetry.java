package dev.jobstate.core.telemetry;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import jdk.jfr.FlightRecorder;

/**
 * Where the engine and the stores report calls and durable writes: counted for the MXBean, and
 * turned into Flight Recorder events while a recording takes them.
 *
 * <p>Every method is one static call at a point where the caller already decided or wrote, and
 * cheap when nothing records: the skip path pays an adder's increment and a look at whether the
 * activity event is on, and allocates nothing. A begun event travels as a plain {@code Object} (null
 * while off), so that only {@link JfrEvents} needs the {@code jdk.jfr} module to load.
 *
 * <p>The event classes are loaded only once the Flight Recorder runs: loading an event class makes
 * the JDK set up the recorder's metadata first, 150-200 ms on this machine (JDK 17 and 25), which
 * every bot would pay at its first activity call for events nobody records. With the recorder
 * running it takes 5-10 ms, once. Until then each call looks at one flag, and at whether the
 * recorder started ({@link FlightRecorder#isInitialized}, a static field), so that a recording
 * started later with {@code jcmd JFR.start} is seen at the next call.
 */
public final class Telemetry {

    /** How long after the first activity call the MBean is registered; see {@link #exposeNow}. */
    static final long EXPOSE_AFTER_MILLIS = 2_000;

    private static final int RECORDER_NOT_STARTED = 0;
    private static final int EVENTS_LOADED = 1;
    private static final int NO_EVENTS = 2;

    private static final AgentStats STATS = AgentStats.live();
    /** Where the events stand: a runtime trimmed without {@code jdk.jfr} never has them. */
    private static volatile int events = ModuleLayer.boot().findModule("jdk.jfr").isPresent()
            ? RECORDER_NOT_STARTED : NO_EVENTS;
    /** Set by the agent; taken, and the MBean registered, by the first activity call. */
    private static volatile StoreHealth toExpose;

    private Telemetry() {
    }

    /**
     * Called by the agent once it built the engine: the MBean is registered once the first activity
     * call arrived ({@link #exposeNow}), so a host that never calls one never sees it, nor pays for
     * starting JMX.
     */
    public static void exposeOnFirstCall(StoreHealth health) {
        toExpose = health;
    }

    /**
     * At the start of an activity call.
     *
     * @return a begun event, or null while none is recorded
     */
    public static Object callStarts() {
        if (toExpose != null) {
            exposeNow();
        }
        return eventsLoaded() ? JfrEvents.activityBegins() : null;
    }

    /**
     * A call decided without running tracked: skipped, refused, shared or untracked.
     *
     * @param call what {@link #callStarts} returned
     * @param key the call's day, or null when it could not be told
     */
    public static void decided(Object call, String method, DayKey key, CharSequence id, ActivityOutcome outcome) {
        STATS.count(outcome);
        if (call != null) {
            JfrEvents.activityEnds(call, method, key, id, outcome, 0);
        }
    }

    /** A call that ran tracked is over, its outcome saved (or not, see the checkpoint counters). */
    public static void ended(Object call, String method, DayKey key, String id, ActivityOutcome outcome,
                             int attempts) {
        STATS.count(outcome);
        if (call != null) {
            JfrEvents.activityEnds(call, method, key, id, outcome, attempts);
        }
    }

    /** The engine's checkpoint that started at {@code startNanos} ({@link System#nanoTime}) is durable. */
    public static void checkpointed(long startNanos) {
        STATS.checkpointed(System.nanoTime() - startNanos);
    }

    public static void checkpointFailed() {
        STATS.checkpointFailed();
    }

    /**
     * At the start of a store's durable write.
     *
     * @return a begun event, or null while none is recorded
     */
    public static Object writeStarts() {
        return eventsLoaded() ? JfrEvents.checkpointBegins() : null;
    }

    /**
     * A store's durable write is over.
     *
     * @param write what {@link #writeStarts} returned
     * @param store {@code file} or {@code postgres}
     * @param syncNanos the time spent in fsync, or in the database
     */
    public static void written(Object write, String store, long bytes, int batchSize, long syncNanos,
                               boolean succeeded) {
        if (write != null) {
            JfrEvents.checkpointEnds(write, store, bytes, batchSize, syncNanos, succeeded);
        }
    }

    /** This JVM's counters, as the MBean shows them. */
    public static AgentMXBean counters(StoreHealth health) {
        return new AgentView(STATS, health);
    }

    /**
     * Registering starts the platform MBean server (unless the host did), which takes hundreds of
     * milliseconds of CPU on a busy machine and initialises java.util.logging: a thread of its own
     * does it, so that the first activity call does not wait, and only {@link #EXPOSE_AFTER_MILLIS}
     * later, so that a run too short for anyone to look at the MBean does not pay for it (measured:
     * a bot whose one activity ran at once and that then ended took 0.2 s longer, 0.5 s more CPU,
     * when the thread started at once). The thread ends once the MBean is registered.
     */
    private static synchronized void exposeNow() {
        StoreHealth health = toExpose;
        if (health == null) {
            return;
        }
        toExpose = null;
        if (ModuleLayer.boot().findModule("java.management").isEmpty()) {
            // A runtime trimmed without JMX was made so on purpose: nothing to warn about.
            Log.debug("no MBean: this runtime has no java.management module");
            return;
        }
        try {
            AgentMXBean mbean = new AgentView(STATS, health);
            Thread thread = new Thread(() -> {
                try {
                    Thread.sleep(EXPOSE_AFTER_MILLIS);
                    MBeanExposure.registerOnPlatformServer(mbean);
                } catch (InterruptedException e) {
                    Log.debug("the MBean is not registered: its thread was interrupted");
                } catch (Throwable t) {
                    Log.warnOnce(MBeanExposure.class, "cannot register jobstate's MBean (" + Log.describe(t)
                            + "); activities are not affected.");
                }
            }, "jobstate-jmx");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable t) {
            Log.warnOnce(MBeanExposure.class, "cannot register jobstate's MBean (" + Log.describe(t)
                    + "); activities are not affected.");
        }
    }

    private static boolean eventsLoaded() {
        int now = events;
        return now == EVENTS_LOADED || now == RECORDER_NOT_STARTED && FlightRecorder.isInitialized() && loadEvents();
    }

    private static synchronized boolean loadEvents() {
        if (events == RECORDER_NOT_STARTED) {
            try {
                JfrEvents.load();
                events = EVENTS_LOADED;
            } catch (RuntimeException | LinkageError e) {
                events = NO_EVENTS;
                Log.debug("no Flight Recorder events: " + Log.describe(e));
            }
        }
        return events == EVENTS_LOADED;
    }
}
