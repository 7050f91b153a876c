package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Says which methods that get advice were running when the agent was attached: their frames keep
 * the code they started with, so jobstate does not see them until they return. A bot attached in
 * the middle of an account's method would otherwise silently put that account's next activities
 * under another account rule (the default account).
 */
final class RunningMethods {

    private RunningMethods() {
    }

    static void warn(Map<Class<?>, Set<String>> adviced) {
        Map<String, Set<String>> byName = new HashMap<>();
        adviced.forEach((type, methods) -> byName.put(type.getName(), methods));
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : thread.getValue()) {
                Set<String> methods = byName.get(frame.getClassName());
                if (methods != null && methods.contains(frame.getMethodName())) {
                    String method = frame.getClassName() + "." + frame.getMethodName();
                    Log.warnOnce("running:" + method, "jobstate was attached while " + method + " was running (thread "
                            + thread.getKey().getName() + "): until it returns it is not tracked, nor is the"
                            + " @Account of its parameters seen by the activities it calls.");
                }
            }
        }
    }
}
