package dev.jobstate.agent.handoff;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Lets through to the handoff weaver only the bootstrap classes named. It stays registered for as long as the
 * JVM runs (another agent's retransformation of these classes must keep our advice), so every
 * class loaded afterwards costs it one set lookup, never a parse.
 */
final class ExactNames implements ClassFileTransformer {

    private final Set<String> internalNames;
    private final ClassFileTransformer delegate;

    ExactNames(Set<String> internalNames, ClassFileTransformer delegate) {
        this.internalNames = Set.copyOf(internalNames);
        this.delegate = delegate;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        return wanted(loader, className)
                ? delegate.transform(module, loader, className, redefined, domain, bytes) : null;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        return wanted(loader, className) ? delegate.transform(loader, className, redefined, domain, bytes) : null;
    }

    private boolean wanted(ClassLoader loader, String className) {
        return loader == null && className != null && internalNames.contains(className);
    }
}
