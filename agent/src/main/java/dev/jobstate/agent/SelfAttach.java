package dev.jobstate.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the agent into this very JVM through the attach API. Its own class, so that a runtime
 * without the {@code jdk.attach} module fails to load only this, and only when it is asked for.
 */
final class SelfAttach {

    private SelfAttach() {
    }

    static Attempt load(long pid, Path jar, String agentArgs) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            // Asked before the JDK checks for self-attach: the JVM answers no one, so no helper can do better.
            return Attempt.failed("this JVM does not allow attaching (" + e.getMessage()
                    + "; was it started with -XX:+DisableAttachMechanism?)", Attempt.JAVAAGENT
                    + ", or without -XX:+DisableAttachMechanism");
        } catch (IOException e) {
            return Attempt.refusedInProcess("attaching from inside the JVM is refused (" + e.getMessage() + ")");
        }
        try {
            vm.loadAgent(jar.toString(), agentArgs);
            return Attempt.done("in process");
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            return Attempt.failed("loading " + jar + " as an agent failed (" + e + ")", Attempt.JAVAAGENT);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // The agent is loaded or not either way; the connection goes with this JVM.
            }
        }
    }
}
