package dev.jobstate.agent.weave;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Code of ours inside a host's or the JDK's method, in a range that swallows any {@code Throwable}:
 * whatever goes wrong in it, even a class of ours that cannot be found, the method goes on as if the
 * agent were absent.
 */
public final class Suppressed {

    private Suppressed() {
    }

    /**
     * Writes {@code call} (which leaves a value of {@code result}'s sort on the stack, or nothing for
     * void) in such a range; when it throws, {@code result}'s default is left instead.
     */
    public static void call(MethodVisitor code, Runnable call, Type result) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label done = new Label();
        code.visitLabel(start);
        call.run();
        code.visitLabel(end);
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(handler);
        code.visitInsn(Opcodes.POP);
        pushDefault(code, result);
        code.visitLabel(done);
        code.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
    }

    /** Pushes {@code type}'s zero value: 0, 0L, 0f, 0d, null, or nothing for void. */
    static void pushDefault(MethodVisitor code, Type type) {
        switch (type.getSort()) {
            case Type.VOID -> { }
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0);
        }
    }
}
