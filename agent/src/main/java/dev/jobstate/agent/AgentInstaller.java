package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.agent.handoff.HandoffInstaller;
import dev.jobstate.core.boot.JobStateRuntime;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/** Starts jobstate ({@link JobStateRuntime}) and makes the transformer for annotated classes. */
final class AgentInstaller {

    // Matched by name: a host may load its own copy of the annotations next to ours.
    static final String ACTIVITY = Activity.class.getName();
    static final String ACCOUNT = Account.class.getName();

    private AgentInstaller() {
    }

    /** @return the transformer for annotated classes, or null when jobstate is off for this run */
    static ClassFileTransformer install(String agentArgs, Instrumentation instrumentation) throws Exception {
        JobStateRuntime.agentArgs(agentArgs);
        EngineStart starting = EngineStart.begin();
        ClassFileTransformer weaver = weaver(); // its classes loaded while jobstate starts, even if it turns out to be off
        if (!starting.isOn()) {
            return null;
        }
        // The JDK's executors and threads are instrumented only when a scope first opens: until then
        // there is no account for work handed over to carry.
        Dispatch.beforeFirstScope(() -> HandoffInstaller.install(instrumentation));
        return weaver;
    }

    static ClassFileTransformer weaver() {
        return new AdviceWeaver();
    }
}
