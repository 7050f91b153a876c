package dev.jobstate.bench.host;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * An agent whose premain registers a class-file transformer that changes nothing: what any
 * transformer costs the JVM, which then hands it every class loaded after it, as bytes (for a class
 * from the class-data sharing archive, bytes it must first read from the runtime image).
 * bench/startup-jar.sh jars it; jobstate's own transformer can cost no less.
 */
public final class NoopTransformerAgent {

    private NoopTransformerAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                return null;
            }
        }, false);
    }
}
