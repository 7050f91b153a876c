package dev.jobstate.agent.handoff;

import dev.jobstate.agent.handoff.HandoffPoints.Point;
import dev.jobstate.agent.weave.WovenClassWriter;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves the handoff points into the JDK's classes, with ASM as the agent's own weaver does. The
 * first failure is kept for {@link HandoffInstaller}, which then puts every class back: all or nothing.
 */
final class HandoffWeaver implements ClassFileTransformer {

    private final List<Point> points;
    volatile Throwable firstFailure;

    HandoffWeaver(List<Point> points) {
        this.points = points;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        String name = internalName.replace('/', '.');
        try {
            List<Point> ofType = points.stream().filter(point -> point.type().equals(name)).toList();
            ClassReader reader = new ClassReader(bytes);
            WovenClassWriter writer = WovenClassWriter.of(bytes, reader, loader);
            reader.accept(new Weaving(writer, internalName, ofType), WovenClassWriter.readerFlags(reader.readInt(4)));
            return writer.toByteArray();
        } catch (Throwable t) {
            if (firstFailure == null) {
                firstFailure = new IllegalStateException("could not instrument " + name, t);
            }
            return null;
        }
    }

    private static final class Weaving extends ClassVisitor {

        private final String owner;
        private final List<Point> points;

        Weaving(ClassVisitor next, String owner, List<Point> points) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.points = points;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return method;
            }
            for (Point point : points) {
                if (point.matches(name, descriptor)) {
                    method = switch (point.shape()) {
                        case END_FIELD, END_THIS -> new HandoffBeforeReturn(method, owner, point);
                        case START_FIRST_ARGUMENT, START_THIS -> new HandoffOnEntry(method, descriptor, point);
                        case AROUND_THIS, AROUND -> new HandoffAround(method, access, owner, name, descriptor, point);
                    };
                }
            }
            return method;
        }
    }
}
