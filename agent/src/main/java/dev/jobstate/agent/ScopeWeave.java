package dev.jobstate.agent;

import dev.jobstate.agent.weave.WovenMethod;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A method with an {@code @Account} parameter: the account is the thread's for as long as the method
 * runs, however it ends ({@link Dispatch#openScope}, {@link Dispatch#closeScope}).
 */
final class ScopeWeave extends WovenMethod {

    private final int depthSlot;

    ScopeWeave(MethodVisitor next, int access, String owner, String name, String descriptor) {
        super(next, access, owner, name, descriptor);
        this.depthSlot = newLocal(1);
    }

    @Override
    protected void enter() {
        suppressed(() -> {
            pushSite();
            pushArguments();
            DispatchCall.invoke(mv, "openScope", "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)I");
        }, Type.INT_TYPE);
        mv.visitVarInsn(Opcodes.ISTORE, depthSlot);
    }

    @Override
    protected void exit() {
        suppressed(() -> {
            mv.visitVarInsn(Opcodes.ILOAD, depthSlot);
            DispatchCall.invoke(mv, "closeScope", "(I)V");
        }, Type.VOID_TYPE);
        finish();
    }
}
