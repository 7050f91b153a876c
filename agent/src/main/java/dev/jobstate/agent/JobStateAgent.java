package dev.jobstate.agent;

import dev.jobstate.core.boot.AgentPresence;
import dev.jobstate.core.log.Log;
import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:jobstate.jar[=config=<path>]}, and the same jar loaded into a running JVM
 * ({@code jobstate attach <pid>}, {@code JobState.install()}). Whatever goes wrong here is reported
 * and the host runs on as if the agent were absent.
 */
public final class JobStateAgent {

    private JobStateAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        try {
            if (!AgentPresence.claim("premain")) {
                Log.info("jobstate is already active in this JVM; this -javaagent changed nothing.");
                return;
            }
            AgentPresence.rememberArguments(agentArgs);
            // Nothing else here: see Activation for why everything waits for an annotated class.
            instrumentation.addTransformer(new AnnotationPrefilter(new Activation(agentArgs, instrumentation)), false);
            Log.debug("attached; jobstate starts when a class using @Activity or @Account loads");
        } catch (Throwable t) {
            Log.error("the agent failed to start; the bot runs without jobstate", t);
        }
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        try {
            LateStart.attach(agentArgs, instrumentation);
        } catch (Throwable t) {
            Log.error("the agent failed to start; the bot runs on without jobstate", t);
        }
    }
}
