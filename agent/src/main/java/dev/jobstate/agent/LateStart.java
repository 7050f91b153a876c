package dev.jobstate.agent;

import dev.jobstate.core.boot.AgentPresence;
import dev.jobstate.core.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The agent attached to a JVM that is already running ({@code agentmain}: {@code jobstate attach}
 * or {@code JobState.install()}). The same transformer as premain's, registered so that it also
 * takes part in retransformations, and the annotated classes already loaded retransformed through it.
 *
 * <p>A method running while its class is retransformed keeps its old code until it returns: an
 * activity in progress is not recorded, and a method with an {@code @Account} parameter in progress
 * does not open its scope. That is said, once per method, naming the thread.
 */
final class LateStart {

    private LateStart() {
    }

    static void attach(String agentArgs, Instrumentation instrumentation) {
        if (!AgentPresence.claim("agentmain")) {
            Log.info("jobstate is already active in this JVM; attaching it again changed nothing.");
            return;
        }
        AgentPresence.rememberArguments(agentArgs);
        long began = System.nanoTime();
        Activation activation = new Activation(agentArgs, instrumentation);
        instrumentation.addTransformer(new AnnotationPrefilter(activation), true);
        Map<Class<?>, Set<String>> loaded = LoadedActivities.toRetransform(instrumentation.getAllLoadedClasses(),
                instrumentation::isModifiableClass);
        // Started now, not at the next annotated class: the classes it would wait for are already here.
        if (loaded.isEmpty() || !activation.isOn()) {
            Log.debug("attached to a running JVM; no annotated class is loaded yet");
            return;
        }
        int done = 0;
        for (Class<?> type : loaded.keySet()) {
            try {
                instrumentation.retransformClasses(type);
                done++;
            } catch (Throwable t) {
                Log.errorOnce("retransform:" + type.getName(), "could not instrument " + type.getName()
                        + ", loaded before jobstate was attached; its activities run untracked", t);
            }
        }
        RunningMethods.warn(loaded);
        Log.debug("attached to a running JVM: instrumented " + done + " of " + loaded.size()
                + " annotated classes already loaded, in " + (System.nanoTime() - began) / 1_000_000 + " ms");
    }
}
