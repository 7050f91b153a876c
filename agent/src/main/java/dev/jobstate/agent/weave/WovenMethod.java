package dev.jobstate.agent.weave;

import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * A method's own code, wrapped: advice before it, and after it however it ends, with every return
 * and every throw led through the exit advice and then returned or thrown as the advice leaves it.
 *
 * <p>The advice's locals sit right after the parameters; the method's own locals move up to make
 * room. Stack map frames are left to the class writer (see {@link AdviceWeaver}). Every call into
 * jobstate is in a range that catches any {@code Throwable} and carries on with a default (the
 * advice "suppresses"): even a {@code NoClassDefFoundError} for our classes counts as no agent.
 */
public abstract class WovenMethod extends MethodVisitor {

    private static final String THROWABLE = "java/lang/Throwable";

    protected final String owner;
    protected final String method; // name and descriptor, as the advice names a method
    protected final boolean isStatic;
    protected final Type[] parameters;
    protected final Type returnType;
    private final int firstLocal; // the first slot after the parameters
    private int nextLocal;

    protected final int returnedSlot; // -1 for void
    protected final int thrownSlot;

    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label returned = new Label();
    private final Label thrownHandler = new Label();

    protected WovenMethod(MethodVisitor next, int access, String owner, String name, String descriptor) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.method = name + descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.parameters = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.firstLocal = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
        this.nextLocal = firstLocal;
        this.returnedSlot = returnType.getSort() == Type.VOID ? -1 : newLocal(returnType.getSize());
        this.thrownSlot = newLocal(1);
    }

    /** A slot for the advice, taken before any of the method's code is seen. */
    protected final int newLocal(int size) {
        int slot = nextLocal;
        nextLocal += size;
        return slot;
    }

    /** The advice before the method's code. */
    protected abstract void enter();

    /**
     * The advice after it: {@link #returnedSlot} and {@link #thrownSlot} hold its outcome (the
     * returned value is the type's default when it threw). Ends with {@link #finish}, or jumps back
     * before the method's code.
     */
    protected abstract void exit();

    @Override
    public void visitCode() {
        super.visitCode();
        enter();
        mv.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            jumpToExit();
        } else {
            super.visitInsn(opcode);
        }
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        super.visitVarInsn(opcode, moved(slot));
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        super.visitIincInsn(moved(slot), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                   int slot) {
        super.visitLocalVariable(name, descriptor, signature, start, end, moved(slot));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start, Label[] end,
                                                          int[] slots, String descriptor, boolean visible) {
        int[] movedSlots = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            movedSlots[i] = moved(slots[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, movedSlots, descriptor, visible);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        // The class writer computes every frame of a woven method; the method's own would be wrong now.
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        mv.visitLabel(bodyEnd);
        mv.visitLabel(returned);
        store(returnedSlot);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        Label exit = new Label();
        mv.visitJumpInsn(Opcodes.GOTO, exit);
        mv.visitLabel(thrownHandler);
        mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        pushDefault();
        store(returnedSlot);
        mv.visitLabel(exit);
        exit();
        // After the method's own handlers, which must be tried first: they are the inner ones.
        mv.visitTryCatchBlock(bodyStart, bodyEnd, thrownHandler, THROWABLE);
        super.visitMaxs(maxStack, maxLocals);
    }

    /** Leaves the method's code as a return does, with the value to return (if any) on the stack. */
    protected final void jumpToExit() {
        mv.visitJumpInsn(Opcodes.GOTO, returned);
    }

    /** Throws what the exit advice left in {@link #thrownSlot}, if anything; else returns the returned value. */
    protected final void finish() {
        Label returns = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        mv.visitJumpInsn(Opcodes.IFNULL, returns);
        mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(returns);
        if (returnedSlot >= 0) {
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnedSlot);
        }
        mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
    }

    /** {@link Suppressed#call}, in this method. */
    protected final void suppressed(Runnable call, Type result) {
        Suppressed.call(mv, call, result);
    }

    /** Pushes the owner class and the method's name and descriptor, as the agent's Dispatch takes a site. */
    protected final void pushSite() {
        mv.visitLdcInsn(Type.getObjectType(owner));
        mv.visitLdcInsn(method);
    }

    /** Pushes a new {@code Object[]} of the arguments, primitives boxed. */
    protected final void pushArguments() {
        push(parameters.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(i);
            mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
            Boxing.box(mv, parameters[i]);
            mv.visitInsn(Opcodes.AASTORE);
            slot += parameters[i].getSize();
        }
    }

    protected final void store(int slot) {
        if (slot >= 0) {
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), slot);
        }
    }

    protected final void load(int slot) {
        if (slot >= 0) {
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), slot);
        }
    }

    protected final void pushDefault() {
        pushDefault(returnType);
    }

    private void pushDefault(Type type) {
        Suppressed.pushDefault(mv, type);
    }

    private void push(int value) {
        if (value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        }
    }

    /** The parameters' slots, where {@code slot} is one, and the method's own locals moved up by the advice's. */
    private int moved(int slot) {
        return slot < firstLocal ? slot : slot + nextLocal - firstLocal;
    }

    /** The first slot after the parameters (and {@code this}): how many slots they take. */
    protected final int firstLocal() {
        return firstLocal;
    }
}
