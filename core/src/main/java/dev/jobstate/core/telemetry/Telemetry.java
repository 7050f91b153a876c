package dev.jobstate.core.telemetry;

import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;

/**
 * Where the engine and the stores report calls and durable writes: counted for the MXBean, and
 * turned into Flight Recorder events while a recording takes them.
 *
 * <p>Every method is one static call at a point where the caller already decided or wrote, and
 * cheap when nothing records: the skip path pays an adder's increment and a look at whether the
 * activity event is on, and allocates nothing. A begun event travels as a plain {@code Object} (null
 * while off), so that only {@link JfrEvents} needs the {@code jdk.jfr} module to load.
 */
public final class Telemetry {

    private static final AgentStats STATS = AgentStats.live();
    private static final boolean JFR = jfrLoads();
    /** Set by the agent; taken, and the MBean registered, by the first activity call. */
    private static volatile StoreHealth toExpose;

    private Telemetry() {
    }

    /**
     * Called by the agent once it built the engine: the MBean is registered when the first activity
     * call arrives, so a host that never calls one never sees it, nor pays for starting JMX.
     */
    public static void exposeOnFirstCall(StoreHealth health) {
        toExpose = health;
    }

    /** At the start of an activity call. @return a begun event, or null while none is recorded */
    public static Object callStarts() {
        if (toExpose != null) {
            exposeNow();
        }
        return JFR ? JfrEvents.activityBegins() : null;
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

    /** At the start of a store's durable write. @return a begun event, or null while none is recorded */
    public static Object writeStarts() {
        return JFR ? JfrEvents.checkpointBegins() : null;
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
     * Registering starts the platform MBean server, which on a busy machine takes hundreds of
     * milliseconds (and initialises java.util.logging): a thread of its own does it, so that the
     * first activity call does not wait. It ends once the MBean is registered.
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
                    MBeanExposure.registerOnPlatformServer(mbean);
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

    /** A runtime trimmed without {@code jdk.jfr} has no events; everything else works as ever. */
    private static boolean jfrLoads() {
        try {
            return ModuleLayer.boot().findModule("jdk.jfr").isPresent() && JfrEvents.load();
        } catch (RuntimeException | LinkageError e) {
            Log.debug("no Flight Recorder events: " + Log.describe(e));
            return false;
        }
    }
}
