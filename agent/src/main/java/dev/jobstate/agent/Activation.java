package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * Starts jobstate the first time a class that uses our annotations is loaded, not in premain.
 *
 * <p>Most of what an agent costs at start-up is loading and initialising its libraries (the
 * weaver, Jackson, the config) before any class needs them. A host that never loads an annotated
 * class pays only for {@link AnnotationPrefilter}'s byte scan; one that does pays once, on that class.
 */
final class Activation {

    private final String agentArgs;
    private final Instrumentation instrumentation;
    private volatile boolean done;
    private WeavingWhileStarting transformer; // published by the volatile write of done; null if it failed

    Activation(String agentArgs, Instrumentation instrumentation) {
        this.agentArgs = agentArgs;
        this.instrumentation = instrumentation;
    }

    /** The transformer to apply to annotated classes, or null when jobstate failed to begin starting. */
    ClassFileTransformer transformer() {
        if (!done && EngineStart.onStartThread()) {
            return null;
        }
        return started();
    }

    /** Whether jobstate is on for this JVM, starting it if it is not yet and waiting for the start. */
    boolean isOn() {
        WeavingWhileStarting started = started();
        return started != null && started.isOn();
    }

    private WeavingWhileStarting started() {
        if (!done) {
            synchronized (this) {
                if (!done) {
                    transformer = start();
                    done = true;
                }
            }
        }
        return transformer;
    }

    private WeavingWhileStarting start() {
        try {
            return AgentInstaller.install(agentArgs, instrumentation);
        } catch (Throwable t) {
            Log.error("the agent failed to start; the bot runs without jobstate", t);
            return null;
        }
    }
}
