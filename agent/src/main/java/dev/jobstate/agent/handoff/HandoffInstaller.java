package dev.jobstate.agent.handoff;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

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
            Failures failures = new Failures();
            ClassFileTransformer transformer = new ExactNames(internalNames(types.keySet()),
                    builder(points, failures).makeRaw());
            Class<?>[] classes = types.values().toArray(Class<?>[]::new);
            instrumentation.addTransformer(transformer, true);
            try {
                instrumentation.retransformClasses(classes);
                if (failures.first != null) {
                    throw failures.first;
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
            if (TypeDescription.ForLoadedType.of(type).getDeclaredMethods().filter(point.methods()).isEmpty()) {
                throw new IllegalStateException(point.type() + " has no method " + point.methods());
            }
        }
        return types;
    }

    private static Set<String> internalNames(Set<String> names) {
        Set<String> internal = new LinkedHashSet<>();
        names.forEach(name -> internal.add(name.replace('.', '/')));
        return internal;
    }

    private static AgentBuilder builder(List<HandoffPoints.Point> points, AgentBuilder.Listener listener) {
        // As AgentInstaller does: advice needs no class injection, and preparing it would warn on JDK 24+.
        System.setProperty(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
        Advice.WithCustomMapping advice = Advice.withCustomMapping().bind(new Doors());
        Map<String, List<AsmVisitorWrapper>> visitors = new LinkedHashMap<>();
        for (HandoffPoints.Point point : points) {
            visitors.computeIfAbsent(point.type(), type -> new ArrayList<>())
                    .add(advice.to(point.advice()).on(point.methods()));
        }
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(listener)
                .ignore(none()); // by default ByteBuddy leaves the bootstrap loader's classes alone
        for (Map.Entry<String, List<AsmVisitorWrapper>> type : visitors.entrySet()) {
            builder = builder.type(named(type.getKey())).transform((b, description, loader, module, domain) -> {
                for (AsmVisitorWrapper visitor : type.getValue()) {
                    b = b.visit(visitor);
                }
                return b;
            });
        }
        return builder;
    }

    /** The first class ByteBuddy could not transform; there is no other sign of it. */
    private static final class Failures extends AgentBuilder.Listener.Adapter {

        volatile Throwable first;

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            if (first == null) {
                first = new IllegalStateException("could not instrument " + typeName, throwable);
            }
        }
    }
}
