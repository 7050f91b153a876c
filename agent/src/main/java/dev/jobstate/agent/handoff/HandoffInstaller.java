package dev.jobstate.agent.handoff;

import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes work handed to other threads carry its context, by retransforming the few JDK classes of
 * {@link HandoffPoints}. Called once, when the first method with an {@code @Account} parameter is
 * entered: a host that never opens a scope never has a JDK class touched.
 *
 * <p>All or nothing. A thread that pools make would keep the context of whichever task made it if
 * only some of the points were in place, so on a JDK without one of them, or if one cannot be
 * transformed, nothing is, and such work runs untracked as it did before, with the engine's message.
 */
public final class HandoffInstaller {

    private HandoffInstaller() {
    }

    public static void install(Instrumentation instrumentation) {
        long started = System.nanoTime();
        try {
            List<HandoffPoints.Point> points = HandoffPoints.onThisJdk();
            Map<String, Class<?>> types = loaded(points, instrumentation);
            if (!Doors.reachable()) {
                throw new IllegalStateException("the system class loader does not lead to the agent's classes");
            }
            // Loaded and initialised here rather than from inside the JDK's classes, the first time they run.
            for (Class<?> ours : List.of(HandoffDoors.class, Handoffs.class, TaskContexts.class, ContextRunnable.class,
                    ContextCallable.class)) {
                Class.forName(ours.getName(), true, ours.getClassLoader());
            }
            HandoffWeaver weaver = new HandoffWeaver(points);
            ClassFileTransformer transformer = new ExactNames(internalNames(types.keySet()), weaver);
            Class<?>[] classes = types.values().toArray(Class<?>[]::new);
            instrumentation.addTransformer(transformer, true);
            try {
                instrumentation.retransformClasses(classes);
                if (weaver.firstFailure != null) {
                    throw weaver.firstFailure;
                }
            } catch (Throwable t) {
                instrumentation.removeTransformer(transformer);
                try {
                    instrumentation.retransformClasses(classes); // back to the JDK's own code
                } catch (Throwable notRestored) {
                    t.addSuppressed(notRestored);
                }
                throw t;
            }
            Log.debug("work handed to other threads carries its account: retransformed " + types.keySet()
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Throwable t) {
            Log.error("jobstate cannot follow work handed to other threads; activities in such work that have"
                    + " no account of their own run untracked", t);
        }
    }

    /** The JDK's classes to transform, loaded now (if they were not) and checked to have every point. */
    private static Map<String, Class<?>> loaded(List<HandoffPoints.Point> points, Instrumentation instrumentation)
            throws ClassNotFoundException {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (HandoffPoints.Point point : points) {
            Class<?> type = types.get(point.type());
            if (type == null) {
                type = Class.forName(point.type(), false, null);
                if (!instrumentation.isModifiableClass(type)) {
                    throw new IllegalStateException(point.type() + " cannot be retransformed");
                }
                types.put(point.type(), type);
            }
            if (!declares(type, point)) {
                throw new IllegalStateException(point.type() + " has no method " + point.method()
                        + (point.parameters() == null ? "" : point.parameters()));
            }
        }
        return types;
    }

    private static Set<String> internalNames(Set<String> names) {
        Set<String> internal = new LinkedHashSet<>();
        names.forEach(name -> internal.add(name.replace('.', '/')));
        return internal;
    }

    private static boolean declares(Class<?> type, HandoffPoints.Point point) {
        for (Executable executable : point.method().equals("<init>") ? type.getDeclaredConstructors()
                : type.getDeclaredMethods()) {
            if (point.matches(executable) && !Modifier.isAbstract(executable.getModifiers())
                    && !Modifier.isNative(executable.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
