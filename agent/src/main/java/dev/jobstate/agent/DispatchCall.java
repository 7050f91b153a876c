package dev.jobstate.agent;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** A call from woven code into {@link Dispatch}, the one class of ours a host's classes call. */
final class DispatchCall {

    static final String DISPATCH = Type.getInternalName(Dispatch.class);

    private DispatchCall() {
    }

    static void invoke(MethodVisitor code, String method, String descriptor) {
        code.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, method, descriptor, false);
    }
}
