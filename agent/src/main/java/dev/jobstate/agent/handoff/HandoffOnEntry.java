package dev.jobstate.agent.handoff;

import dev.jobstate.agent.handoff.HandoffPoints.Point;
import dev.jobstate.agent.handoff.HandoffPoints.Shape;
import dev.jobstate.agent.weave.Suppressed;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** A door called as the method starts: with {@code this}, or replacing the first argument. */
final class HandoffOnEntry extends MethodVisitor {

    private final Point point;
    private final Type firstArgument;

    HandoffOnEntry(MethodVisitor next, String descriptor, Point point) {
        super(Opcodes.ASM9, next);
        this.point = point;
        Type[] arguments = Type.getArgumentTypes(descriptor);
        this.firstArgument = arguments.length > 0 ? arguments[0] : null;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (point.shape() == Shape.START_THIS) {
            Suppressed.call(mv, () -> {
                mv.visitLdcInsn(Doors.constant(point.door(), Consumer.class));
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Consumer", "accept",
                        "(Ljava/lang/Object;)V", true);
            }, Type.VOID_TYPE);
        } else {
            Suppressed.call(mv, () -> {
                mv.visitLdcInsn(Doors.constant(point.door(), UnaryOperator.class));
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
                        "(Ljava/lang/Object;)Ljava/lang/Object;", true);
                mv.visitTypeInsn(Opcodes.CHECKCAST, firstArgument.getInternalName());
                mv.visitVarInsn(Opcodes.ASTORE, 1); // only once the door answered: a failure leaves it as it was
            }, Type.VOID_TYPE);
        }
    }
}
