package dev.jobstate.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** What a class's code does, read off its bytes, for tests that compare a class before and after weaving. */
public final class WovenBytes {

    private WovenBytes() {
    }

    /** Every method the class's code calls, as {@code owner.name}. */
    public static Set<String> calls(byte[] bytes) {
        Set<String> calls = new HashSet<>();
        each(bytes, new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String descriptor, boolean itf) {
                calls.add(owner + "." + method);
            }
        });
        return calls;
    }

    /** Every constant the class's code loads with {@code ldc}. */
    public static List<Object> constants(byte[] bytes) {
        List<Object> constants = new ArrayList<>();
        each(bytes, new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitLdcInsn(Object value) {
                constants.add(value);
            }
        });
        return constants;
    }

    private static void each(byte[] bytes, MethodVisitor code) {
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return code;
            }
        }, 0);
    }
}
