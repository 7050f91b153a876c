package dev.jobstate.agent.weave;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Writes a woven class: the methods left alone copied as they were (the reader is handed over), the
 * woven ones with their stack map frames computed, the types two paths merge looked up in class files
 * ({@link ClassFiles}), never loaded. Class files older than Java 6 have no frames and get none.
 */
public final class WovenClassWriter extends ClassWriter {

    private final ClassFiles files;

    public WovenClassWriter(ClassReader reader, int version, ClassFiles files) {
        super(reader, hasFrames(version) ? COMPUTE_FRAMES : COMPUTE_MAXS);
        this.files = files;
    }

    /** For the class {@code reader} reads, whose bytes are {@code bytes}, loaded by {@code loader} (null: the JDK's). */
    public static WovenClassWriter of(byte[] bytes, ClassReader reader, ClassLoader loader) {
        ClassFacts facts = ClassFacts.read(bytes);
        return new WovenClassWriter(reader, facts.version(), new ClassFiles(loader, facts));
    }

    /** What the reader may skip: the frames of the methods to weave, which this writer computes again. */
    public static int readerFlags(int version) {
        return hasFrames(version) ? ClassReader.SKIP_FRAMES : 0;
    }

    private static boolean hasFrames(int version) {
        return (version & 0xFFFF) >= Opcodes.V1_6;
    }

    @Override
    protected String getCommonSuperClass(String first, String second) {
        return files.commonSuperClass(first, second);
    }
}
