package dev.jobstate.agent;

import dev.jobstate.agent.weave.ClassFacts;
import dev.jobstate.agent.weave.ClassFiles;
import dev.jobstate.agent.weave.WovenClassWriter;
import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves the advice into a class's methods with ASM alone: the class's bytes read once for its
 * facts ({@link ClassFacts}), its methods matched ({@link MethodsToWeave}), the advice written
 * around each ({@link ActivityWeave}, {@link ScopeWeave}) and the class written again. Methods
 * left alone are copied as they were.
 *
 * <p>ByteBuddy's {@code Advice} did this before; preparing it loaded some 600 of its classes, the
 * longest part of a bot's start-up with the agent. The weave adds no member (no class format
 * change), so a class being retransformed ({@code jobstate attach}) is woven the same way as one being
 * loaded. The writer computes the woven methods' stack map frames ({@link WovenClassWriter}).
 */
final class AdviceWeaver implements ClassFileTransformer {

    // A class loaded while a class is woven here (none is expected: class files are read, not
    // loaded) is left alone rather than woven inside the weaving of another.
    private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

    /** What weaving a class came to: its new bytes (null when it has nothing to weave), or why it failed. */
    record Woven(String internalName, byte[] bytes, Throwable failure) {

        /** Says what became of the class: debugging's line when it was woven, one error when it failed. */
        byte[] report() {
            String name = internalName.replace('/', '.');
            if (failure != null) {
                Log.errorOnce("transform:" + name, "could not instrument " + name + "; its activities run untracked",
                        failure);
            } else if (bytes != null) {
                Log.debug("instrumented " + name);
            }
            return bytes;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        return weaveQuietly(loader, internalName, bytes).report();
    }

    /** Weaves the class, saying nothing yet: whoever hands the bytes on reports it. */
    static Woven weaveQuietly(ClassLoader loader, String internalName, byte[] bytes) {
        // Our classes never reach here (AnnotationPrefilter), except the CLI's, which declare no advice.
        if (internalName == null || internalName.startsWith("dev/jobstate/cli/") || WEAVING.get() != null) {
            return new Woven(String.valueOf(internalName), null, null);
        }
        WEAVING.set(Boolean.TRUE);
        try {
            return new Woven(internalName, weave(loader, bytes), null);
        } catch (Throwable t) {
            return new Woven(internalName, null, t);
        } finally {
            WEAVING.remove();
        }
    }

    static byte[] weave(ClassLoader loader, byte[] bytes) {
        ClassFacts type = ClassFacts.read(bytes);
        ClassFiles files = new ClassFiles(loader, type);
        ClassLoadChecks.inspect(type, files);
        Map<String, MethodsToWeave.Advice> woven = MethodsToWeave.of(type, files);
        if (woven.isEmpty()) {
            return null;
        }
        if ((type.version() & 0xFFFF) < Opcodes.V1_5) {
            throw new IllegalStateException("its class file is older than Java 5 (version " + type.version() + ")");
        }
        ClassReader reader = new ClassReader(bytes);
        WovenClassWriter writer = new WovenClassWriter(reader, type.version(), files);
        reader.accept(new Weaving(writer, type.name(), woven), WovenClassWriter.readerFlags(type.version()));
        return writer.toByteArray();
    }

    private static final class Weaving extends ClassVisitor {

        private final String owner;
        private final Map<String, MethodsToWeave.Advice> woven;

        Weaving(ClassVisitor next, String owner, Map<String, MethodsToWeave.Advice> woven) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.woven = woven;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
            MethodsToWeave.Advice advice = woven.get(name + descriptor);
            if (advice == null) {
                return method;
            }
            // The scope outside the activity: an activity with an @Account parameter runs under its account.
            if (advice.scope()) {
                method = new ScopeWeave(method, access, owner, name, descriptor);
            }
            if (advice.activity()) {
                method = new ActivityWeave(method, access, owner, name, descriptor);
            }
            return method;
        }
    }
}
