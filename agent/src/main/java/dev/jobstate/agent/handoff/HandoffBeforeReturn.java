package dev.jobstate.agent.handoff;

import dev.jobstate.agent.handoff.HandoffPoints.Point;
import dev.jobstate.agent.handoff.HandoffPoints.Shape;
import dev.jobstate.agent.weave.Suppressed;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A door called as a constructor returns, once the object is whole: with {@code this}, or replacing
 * a field. A constructor that throws has made nothing to carry a context.
 */
final class HandoffBeforeReturn extends MethodVisitor {

    private final String owner;
    private final Point point;

    HandoffBeforeReturn(MethodVisitor next, String owner, Point point) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.point = point;
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            Suppressed.call(mv, point.shape() == Shape.END_THIS ? this::withThis : this::replaceField, Type.VOID_TYPE);
        }
        super.visitInsn(opcode);
    }

    private void withThis() {
        mv.visitLdcInsn(Doors.constant(point.door(), Consumer.class));
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Consumer", "accept", "(Ljava/lang/Object;)V",
                true);
    }

    private void replaceField() {
        String name = point.field().substring(0, point.field().indexOf(':'));
        Type type = Type.getType(point.field().substring(point.field().indexOf(':') + 1));
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(Doors.constant(point.door(), UnaryOperator.class));
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, owner, name, type.getDescriptor());
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
                "(Ljava/lang/Object;)Ljava/lang/Object;", true);
        mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
        mv.visitFieldInsn(Opcodes.PUTFIELD, owner, name, type.getDescriptor());
    }
}
