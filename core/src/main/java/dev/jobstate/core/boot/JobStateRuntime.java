package dev.jobstate.core.boot;

import dev.jobstate.core.config.ConfigException;
import dev.jobstate.core.config.ConfigLoader;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.store.file.FileStateStore;
import dev.jobstate.core.store.postgres.PostgresStateStore;
import dev.jobstate.core.telemetry.StoreHealth;
import dev.jobstate.core.telemetry.Telemetry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The engine of this JVM. There is one, so that an annotated method and a
 * {@code JobState.activity} call of the same activity wait for each other, share one store and one
 * folder lock, and a test harness can put its own in their place.
 */
public final class JobStateRuntime {

    private static volatile ActivityEngine engine;
    private static String agentArgs; // guarded by the class
    private static boolean started; // guarded by the class: started, or found off, once
    private static boolean harnessed; // guarded by the class: a harness puts engines in, run by run

    private JobStateRuntime() {
    }

    /** The engine, or null while jobstate has not started (or is off): calls then run untracked. */
    public static ActivityEngine engine() {
        return engine;
    }

    /**
     * The agent's arguments ({@code config=<path>}), kept for whoever starts jobstate: the agent
     * starts it lazily, and a {@code JobState.activity} call may come first.
     */
    public static synchronized void agentArgs(String args) {
        if (!started) {
            agentArgs = args;
        }
    }

    /**
     * Starts jobstate from its settings unless it started already; says once why when it cannot.
     *
     * @return the engine, or null when jobstate is off for this JVM
     */
    public static synchronized ActivityEngine start() {
        if (!started) {
            started = true;
            engine = build(agentArgs != null ? agentArgs : AgentPresence.arguments());
        }
        return engine;
    }

    /**
     * Loads and initialises what a first checkpoint into day files needs, touching no file and no
     * state: for a thread that would otherwise only wait while {@link #isOn()} starts jobstate on
     * another. Not synchronized, unlike the rest: it runs beside the start.
     */
    public static void prepareFirstCheckpoint() {
        FileStateStore.prepareFirstWrite();
    }

    /**
     * Whether jobstate is on in this JVM, starting it if nobody has: the agent instruments classes
     * only then. A harness keeps it on between its runs, while no engine is in place.
     */
    public static synchronized boolean isOn() {
        return start() != null || harnessed;
    }

    /**
     * Puts {@code replacement} in place of the engine, started or not, for every way in: a test
     * harness's engine for each run of the code under test, or null between runs (calls then run
     * untracked). From then on jobstate is on, run by run, as the harness says.
     */
    public static synchronized void use(ActivityEngine replacement) {
        started = true;
        harnessed = true;
        engine = replacement;
    }

    private static ActivityEngine build(String args) {
        long began = System.nanoTime();
        JobStateConfig config;
        try {
            config = new ConfigLoader(Path.of("")).load(args, System.getProperty(ConfigLoader.SYSTEM_PROPERTY));
        } catch (ConfigException e) {
            Log.error(e.getMessage() + "; the bot runs without jobstate (nothing is skipped or saved)", null);
            return null;
        }
        if (!config.enabled()) {
            Log.info("disabled by " + config.source() + " (jobState.enabled is false); every activity runs.");
            return null;
        }
        Clock clock = Clock.systemUTC();
        PersistenceHealth health = new PersistenceHealth();
        StateStore store = store(config, clock, health);
        Telemetry.exposeOnFirstCall(new StoreHealth(config.usesPostgres() ? "postgres" : "file", health::isFailing,
                health::lastProblem, store instanceof PostgresStateStore pg ? pg::inOutage : () -> false));
        ActivityEngine built = new ActivityEngine(config, store, clock);
        Log.debug("active: state in " + (config.usesPostgres() ? config.postgres() + " as worker " + config.worker()
                + ", falling back to " : "") + config.stateDir() + ", zone " + config.zone() + ", settings from "
                + config.source() + "; started in " + (System.nanoTime() - began) / 1_000_000 + " ms");
        return built;
    }

    /** Neither store touches the disk or the network before the first activity runs. */
    private static StateStore store(JobStateConfig config, Clock clock, PersistenceHealth health) {
        FileStateStore files = new FileStateStore(config.stateDir(), clock, health).sweepingLeftoversOnFirstUse();
        if (!config.usesPostgres()) {
            return files;
        }
        return new PostgresStateStore(config.postgres(), config.worker(), files, clock);
    }
}
