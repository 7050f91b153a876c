package dev.jobstate.agent.weave;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** A primitive on the stack to its box and back, as javac's autoboxing does it. */
public final class Boxing {

    private Boxing() {
    }

    /** Boxes the value on the stack if {@code type} is primitive. */
    public static void box(MethodVisitor code, Type type) {
        Type box = boxOf(type);
        if (box != null) {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, box.getInternalName(), "valueOf",
                    Type.getMethodDescriptor(box, type), false);
        }
    }

    /**
     * Casts the object on the stack to {@code type}, unboxing it for a primitive: a
     * {@code ClassCastException} or {@code NullPointerException} when it is not one.
     */
    public static void unbox(MethodVisitor code, Type type) {
        Type box = boxOf(type);
        if (box != null) {
            code.visitTypeInsn(Opcodes.CHECKCAST, box.getInternalName());
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box.getInternalName(), type.getClassName() + "Value",
                    Type.getMethodDescriptor(type), false);
        } else if (!type.getDescriptor().equals("Ljava/lang/Object;")) {
            code.visitTypeInsn(Opcodes.CHECKCAST, type.getSort() == Type.ARRAY ? type.getDescriptor()
                    : type.getInternalName());
        }
    }

    private static Type boxOf(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> Type.getObjectType("java/lang/Boolean");
            case Type.BYTE -> Type.getObjectType("java/lang/Byte");
            case Type.CHAR -> Type.getObjectType("java/lang/Character");
            case Type.SHORT -> Type.getObjectType("java/lang/Short");
            case Type.INT -> Type.getObjectType("java/lang/Integer");
            case Type.LONG -> Type.getObjectType("java/lang/Long");
            case Type.FLOAT -> Type.getObjectType("java/lang/Float");
            case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
            default -> null;
        };
    }
}
