package dev.jobstate.agent;

import dev.jobstate.agent.weave.Boxing;
import dev.jobstate.agent.weave.WovenMethod;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * An {@code @Activity} method, handed over to {@link Dispatch}: a call jobstate replays
 * ({@code Replay}) skips the method's code; the outcome goes to {@link Dispatch#exit}, the call then
 * throws what {@link Dispatch#thrown} says and runs again, with the arguments it was called with,
 * while {@link Dispatch#again} says so (a retried failure).
 */
final class ActivityWeave extends WovenMethod {

    private static final String REPLAY = "dev/jobstate/core/engine/Replay";

    private final int tokenSlot;
    private final int argumentsCopy; // the parameters as called, for a run again: the code may assign its own
    private final Label restart = new Label();

    ActivityWeave(MethodVisitor next, int access, String owner, String name, String descriptor) {
        super(next, access, owner, name, descriptor);
        this.tokenSlot = newLocal(1);
        this.argumentsCopy = newLocal(firstLocal());
    }

    @Override
    protected void enter() {
        copyParameters(true);
        suppressed(() -> {
            pushSite();
            if (isStatic) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            pushArguments();
            DispatchCall.invoke(mv, "enter",
                    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;");
        }, Type.getType(Object.class));
        mv.visitVarInsn(Opcodes.ASTORE, tokenSlot);
        mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        mv.visitTypeInsn(Opcodes.INSTANCEOF, REPLAY);
        mv.visitJumpInsn(Opcodes.IFEQ, restart);
        pushDefault(); // replayed: the code is skipped, and the exit gives the value back
        jumpToExit();
        mv.visitLabel(restart);
        copyParameters(false);
    }

    @Override
    protected void exit() {
        suppressed(() -> {
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            if (returnedSlot >= 0) {
                load(returnedSlot);
                Boxing.box(mv, returnType);
            } else {
                mv.visitInsn(Opcodes.ACONST_NULL);
            }
            mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            DispatchCall.invoke(mv, "exit", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;");
            if (returnedSlot >= 0) {
                Boxing.unbox(mv, returnType);
                store(returnedSlot);
            } else {
                mv.visitInsn(Opcodes.POP);
            }
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            DispatchCall.invoke(mv, "thrown", "(Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Throwable;");
            mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            DispatchCall.invoke(mv, "again", "(Ljava/lang/Object;)Z");
        }, Type.BOOLEAN_TYPE);
        mv.visitJumpInsn(Opcodes.IFNE, restart);
        finish();
    }

    /** {@code this} and the parameters into their copy ({@code save}), or back from it. */
    private void copyParameters(boolean save) {
        int slot = 0;
        if (!isStatic) {
            copy(Type.getObjectType(owner), slot, save);
            slot++;
        }
        for (Type parameter : parameters) {
            copy(parameter, slot, save);
            slot += parameter.getSize();
        }
    }

    private void copy(Type type, int slot, boolean save) {
        mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), save ? slot : argumentsCopy + slot);
        mv.visitVarInsn(type.getOpcode(Opcodes.ISTORE), save ? argumentsCopy + slot : slot);
    }
}
