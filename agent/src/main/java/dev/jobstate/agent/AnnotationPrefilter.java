package dev.jobstate.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Lets a class through to ByteBuddy only if its bytes mention one of our annotations.
 *
 * <p>A class that uses {@code @Activity} or {@code @Account} has the annotation's descriptor in its
 * constant pool; scanning the raw bytes for it costs a few microseconds, while ByteBuddy parsing
 * every class the host loads would cost far more at start-up. It also makes "classes without our
 * annotations are never transformed" hold by construction.
 */
final class AnnotationPrefilter implements ClassFileTransformer {

    private static final byte[] COMMON = "Ldev/jobstate/Ac".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] SUFFIXES = {
        "tivity;".getBytes(StandardCharsets.US_ASCII),
        "count;".getBytes(StandardCharsets.US_ASCII),
    };

    private final ClassFileTransformer delegate;
    private final AgentVisibility visibility = new AgentVisibility();

    AnnotationPrefilter(ClassFileTransformer delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        if (!wanted(loader, className, bytes)) {
            return null;
        }
        return delegate.transform(module, loader, className, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        if (!wanted(loader, className, bytes)) {
            return null;
        }
        return delegate.transform(loader, className, redefined, domain, bytes);
    }

    private boolean wanted(ClassLoader loader, String className, byte[] bytes) {
        return loader != null && bytes != null && mentionsOurAnnotations(bytes)
                && visibility.seesAgent(loader, className);
    }

    static boolean mentionsOurAnnotations(byte[] bytes) {
        int last = bytes.length - COMMON.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != 'L') {
                continue;
            }
            for (int j = 1; j < COMMON.length; j++) {
                if (bytes[i + j] != COMMON[j]) {
                    continue outer;
                }
            }
            int at = i + COMMON.length;
            for (byte[] suffix : SUFFIXES) {
                if (startsWith(bytes, at, suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
