package dev.jobstate.agent.handoff;

import dev.jobstate.agent.handoff.HandoffPoints.Point;
import dev.jobstate.agent.handoff.HandoffPoints.Shape;
import dev.jobstate.agent.weave.WovenMethod;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A door called as the method starts, whose answer (a token, or null) is handed to {@code END}
 * however the method ends: a context entered for the method's run and left after it.
 */
final class HandoffAround extends WovenMethod {

    private final Point point;
    private final int tokenSlot;

    HandoffAround(MethodVisitor next, int access, String owner, String name, String descriptor, Point point) {
        super(next, access, owner, name, descriptor);
        this.point = point;
        this.tokenSlot = newLocal(1);
    }

    @Override
    protected void enter() {
        suppressed(() -> {
            if (point.shape() == Shape.AROUND_THIS) {
                mv.visitLdcInsn(Doors.constant(point.door(), UnaryOperator.class));
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
                        "(Ljava/lang/Object;)Ljava/lang/Object;", true);
            } else {
                mv.visitLdcInsn(Doors.constant(point.door(), Supplier.class));
                mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Supplier", "get",
                        "()Ljava/lang/Object;", true);
            }
        }, Type.getType(Object.class));
        mv.visitVarInsn(Opcodes.ASTORE, tokenSlot);
    }

    @Override
    protected void exit() {
        suppressed(() -> {
            Label none = new Label();
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            mv.visitJumpInsn(Opcodes.IFNULL, none);
            mv.visitLdcInsn(Doors.constant("END", Consumer.class));
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Consumer", "accept",
                    "(Ljava/lang/Object;)V", true);
            mv.visitLabel(none);
        }, Type.VOID_TYPE);
        finish();
    }
}
