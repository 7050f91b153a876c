package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
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
 * loaded. The writer computes the woven methods' stack map frames; the types it must merge are
 * looked up in class files ({@link ClassFiles}), never loaded.
 */
final class AdviceWeaver implements ClassFileTransformer {

    // A class loaded while a class is woven here (none is expected: class files are read, not
    // loaded) is left alone rather than woven inside the weaving of another.
    private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        // Our classes never reach here (AnnotationPrefilter), except the CLI's, which declare no advice.
        if (internalName == null || internalName.startsWith("dev/jobstate/cli/") || WEAVING.get() != null) {
            return null;
        }
        WEAVING.set(Boolean.TRUE);
        try {
            return weave(loader, bytes);
        } catch (Throwable t) {
            String name = internalName.replace('/', '.');
            Log.errorOnce("transform:" + name, "could not instrument " + name + "; its activities run untracked", t);
            return null;
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
        // Frames only from Java 6's class files on; older ones have none and need none.
        boolean frames = (type.version() & 0xFFFF) >= Opcodes.V1_6;
        // The reader given to the writer lets it copy the constant pool and every method left alone.
        ClassWriter writer = new ClassWriter(reader, frames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String first, String second) {
                return files.commonSuperClass(first, second);
            }
        };
        reader.accept(new Weaving(writer, type.name(), woven), frames ? ClassReader.SKIP_FRAMES : 0);
        byte[] result = writer.toByteArray();
        Log.debug("instrumented " + type.name().replace('/', '.'));
        return result;
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
