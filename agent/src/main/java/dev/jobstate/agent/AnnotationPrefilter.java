package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Lets a class through to ByteBuddy only if its bytes mention one of our annotations, or one of its
 * supertypes' bytes mention {@code @Activity} (it may implement or override an annotated method).
 *
 * <p>A class that uses {@code @Activity} or {@code @Account} has the annotation's descriptor in its
 * constant pool; scanning the raw bytes for it costs a few microseconds, while ByteBuddy parsing
 * every class the host loads would cost far more at start-up. It also makes "classes without our
 * annotations are never transformed" hold by construction.
 */
final class AnnotationPrefilter implements ClassFileTransformer {

    private static final byte[][] DESCRIPTORS = {descriptor(Activity.class), descriptor(Account.class)};

    // Our own classes, loaded while jobstate starts, must not re-enter it.
    private static final String[] OURS = {"dev/jobstate/agent/", "dev/jobstate/core/", "dev/jobstate/shaded/"};

    private final Activation activation;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final AgentVisibility visibility = new AgentVisibility();
    private final InheritedActivities inherited = new InheritedActivities();
    private final LambdaCheck lambdas = new LambdaCheck(inherited);

    AnnotationPrefilter(Activation activation) {
        this.activation = activation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer delegate = wanted(loader, className, bytes) ? activation.transformer() : null;
        return delegate == null ? null : delegate.transform(module, loader, className, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer delegate = wanted(loader, className, bytes) ? activation.transformer() : null;
        return delegate == null ? null : delegate.transform(loader, className, redefined, domain, bytes);
    }

    private boolean wanted(ClassLoader loader, String className, byte[] bytes) {
        // JDK classes (bootstrap and platform loaders) and hidden classes (no name) are never ours.
        if (loader == null || loader == platform || className == null || bytes == null || isOurs(className)) {
            return false;
        }
        ClassHeader header = ClassHeader.of(bytes);
        lambdas.inspect(loader, className, header.dynamicTypes());
        return (mentionsOurAnnotations(bytes) || inherited.mayInherit(loader, header.supertypes()))
                && visibility.seesAgent(loader, className);
    }

    private static boolean isOurs(String className) {
        for (String prefix : OURS) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean mentionsOurAnnotations(byte[] bytes) {
        for (byte[] descriptor : DESCRIPTORS) {
            if (contains(bytes, descriptor)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (bytes[i + k] != part[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code Ldev/jobstate/Activity;}, as the constant pool of a class using it holds it. */
    static byte[] descriptor(Class<?> annotation) {
        return ("L" + annotation.getName().replace('.', '/') + ";").getBytes(StandardCharsets.US_ASCII);
    }
}
