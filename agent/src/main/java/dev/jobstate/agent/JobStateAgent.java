package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:jobstate.jar[=config=<path>]}. Whatever goes wrong here is reported and the
 * host starts as if the agent were absent.
 */
public final class JobStateAgent {

    private JobStateAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        try {
            // Nothing else here: see Activation for why everything waits for an annotated class.
            instrumentation.addTransformer(new AnnotationPrefilter(new Activation(agentArgs, instrumentation)), false);
            Log.debug("attached; jobstate starts when a class using @Activity or @Account loads");
        } catch (Throwable t) {
            Log.error("the agent failed to start; the bot runs without jobstate", t);
        }
    }
}
