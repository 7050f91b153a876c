package dev.jobstate.agent;

import dev.jobstate.agent.handoff.HandoffInstaller;
import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The weaver, used from the moment jobstate begins to start: the first annotated class is woven
 * while the engine starts on its own thread ({@link EngineStart}), and only then does its thread wait
 * to learn whether jobstate is on. Woven bytes are handed to the JVM only when it is; when it is
 * off (the config says so, or it failed to start) they are dropped and nothing is woven after.
 */
final class WeavingWhileStarting implements ClassFileTransformer {

    private final EngineStart starting;
    private final Weaver weaver;
    private final Instrumentation instrumentation;
    private volatile Boolean on; // null until the start is over

    /** {@link AdviceWeaver#weaveQuietly}, or a test's stand-in. */
    interface Weaver {
        AdviceWeaver.Woven weave(ClassLoader loader, String internalName, byte[] bytes);
    }

    WeavingWhileStarting(EngineStart starting, Weaver weaver, Instrumentation instrumentation) {
        this.starting = starting;
        this.weaver = weaver;
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (Boolean.FALSE.equals(on)) {
            return null;
        }
        AdviceWeaver.Woven woven = weaver.weave(loader, className, bytes);
        // Reported (its debugging line, or its failure) only when it is handed on: off is silent.
        return isOn() ? woven.report() : null;
    }

    /** Waits, the first time, for the start to end: whether jobstate is on for this JVM. */
    boolean isOn() {
        Boolean known = on;
        if (known == null) {
            synchronized (this) {
                known = on;
                if (known == null) {
                    known = settle();
                    on = known;
                }
            }
        }
        return known;
    }

    private boolean settle() {
        try {
            if (!starting.isDone()) {
                FirstCallPreparation.run(); // rather than only wait
            }
            if (!starting.isOn()) {
                return false;
            }
            // The JDK's executors and threads are instrumented only when a scope first opens: until
            // then there is no account for work handed over to carry.
            Dispatch.beforeFirstScope(() -> HandoffInstaller.install(instrumentation));
            return true;
        } catch (Throwable t) {
            Log.error("the agent failed to start; the bot runs without jobstate", t);
            return false;
        }
    }
}
