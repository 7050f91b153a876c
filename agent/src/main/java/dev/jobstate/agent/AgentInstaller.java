package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.boot.JobStateRuntime;
import java.lang.instrument.Instrumentation;

/** Starts jobstate ({@link JobStateRuntime}) and makes the transformer for annotated classes. */
final class AgentInstaller {

    // Matched by name: a host may load its own copy of the annotations next to ours.
    static final String ACTIVITY = Activity.class.getName();
    static final String ACCOUNT = Account.class.getName();

    private AgentInstaller() {
    }

    /** Begins the start, and returns the transformer for annotated classes at once, to use meanwhile. */
    static WeavingWhileStarting install(String agentArgs, Instrumentation instrumentation) {
        JobStateRuntime.agentArgs(agentArgs);
        return new WeavingWhileStarting(EngineStart.begin(), AdviceWeaver::weaveQuietly, instrumentation);
    }
}
