package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines the advice into a class's methods with ByteBuddy's {@code Advice} as a plain ASM visitor:
 * the class's bytes read once, its methods matched through a type pool, the advice woven in and the
 * class written again, nothing else.
 *
 * <p>What {@code AgentBuilder} would add is not needed here and costs start-up: its builder, type
 * and method registries, class injection and listeners load some 500 more of ByteBuddy's classes.
 * The advice adds no member (no class format change), so a class being retransformed
 * ({@code jobstate attach}) is woven the same way as one being loaded.
 */
final class AdviceWeaver implements ClassFileTransformer {

    // A class loaded while a class is woven here (none is expected: the pool reads class files, it
    // does not load them) is left alone rather than woven inside the weaving of another.
    private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

    private final ElementMatcher<? super MethodDescription> methods;
    private final AsmVisitorWrapper advice;

    /**
     * @param methods the methods any of the advice applies to
     * @param advice the advice, each on its own methods, in the order {@code AgentBuilder}'s
     *               {@code visit} calls took them (the last one sees the class first)
     */
    AdviceWeaver(ElementMatcher<? super MethodDescription> methods, AsmVisitorWrapper... advice) {
        this.methods = methods;
        this.advice = new AsmVisitorWrapper.Compound(advice);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        // Our classes never reach here (AnnotationPrefilter), except the CLI's, which declare no advice.
        if (internalName == null || internalName.startsWith("dev/jobstate/cli/") || WEAVING.get() != null) {
            return null;
        }
        WEAVING.set(Boolean.TRUE);
        String name = internalName.replace('/', '.');
        try {
            return weave(loader, name, bytes);
        } catch (Throwable t) {
            Log.errorOnce("transform:" + name, "could not instrument " + name + "; its activities run untracked", t);
            return null;
        } finally {
            WEAVING.remove();
        }
    }

    private byte[] weave(ClassLoader loader, String name, byte[] bytes) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        MethodList<MethodDescription.InDefinedShape> declared = type.getDeclaredMethods();
        ClassLoadChecks.inspect(type);
        if (declared.filter(methods).isEmpty()) {
            return null;
        }
        int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(bytes);
        // The reader given to the writer lets it copy the constant pool and every method left alone.
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        // Disabled, as AgentBuilder's disableClassFormatChanges() makes it: the advice may add no member.
        ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                null, TypeInitializer.None.INSTANCE, version, version, version.isAtLeast(ClassFileVersion.JAVA_V6)
                        ? Implementation.Context.FrameGeneration.GENERATE : Implementation.Context.FrameGeneration.DISABLED);
        ClassVisitor visitor = advice.wrap(type, writer, context, pool, type.getDeclaredFields(), declared,
                writerFlags, readerFlags);
        reader.accept(visitor, readerFlags);
        Log.debug("instrumented " + name);
        return writer.toByteArray();
    }
}
