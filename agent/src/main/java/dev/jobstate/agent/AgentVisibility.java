package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether classes of a class loader can reach our {@link Dispatch}. Advice is inlined into the
 * host's class and calls it from there; a loader that does not delegate to the one holding the
 * agent (some plugin systems) would turn that call into a {@code NoClassDefFoundError} in the host,
 * so such classes are left alone, with one line saying so.
 */
final class AgentVisibility {

    private final Map<ClassLoader, Boolean> known = new WeakHashMap<>();

    synchronized boolean seesAgent(ClassLoader loader, String className) {
        if (loader == Dispatch.class.getClassLoader()) {
            return true;
        }
        Boolean sees = known.get(loader);
        if (sees == null) {
            sees = resolvesToOurs(loader);
            known.put(loader, sees);
            if (!sees) {
                Log.warn("classes of " + loader + " (such as " + className.replace('/', '.')
                        + ") cannot see the agent's classes; their activities run untracked.");
            }
        }
        return sees;
    }

    private static boolean resolvesToOurs(ClassLoader loader) {
        try {
            return Class.forName(Dispatch.class.getName(), false, loader) == Dispatch.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
