package dev.jobstate.agent.weave;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What the weaver needs of a class file, read without its code: its supertypes, and for each method
 * its flags and whether it carries {@code @Activity} or has an {@code @Account} parameter. Names are
 * internal ({@code com/example/Bot}). Annotations are matched by name: a host may load its own copy
 * of ours.
 */
public record ClassFacts(String name, int access, int version, String superName, List<String> interfaces,
                  List<MethodFacts> methods) {

    // Matched by name: a host may load its own copy of the annotations next to ours.
    private static final String ACTIVITY = Type.getDescriptor(Activity.class);
    private static final String ACCOUNT = Type.getDescriptor(Account.class);

    public record MethodFacts(int access, String name, String descriptor, boolean activity, boolean accountParameter) {

        public boolean is(int flag) {
            return (access & flag) != 0;
        }

        /** A method, not a constructor or a class initialiser. */
        public boolean isMethod() {
            return !name.startsWith("<");
        }

        /** Its own code to weave into: neither abstract nor native. */
        public boolean hasCode() {
            return !is(Opcodes.ACC_ABSTRACT) && !is(Opcodes.ACC_NATIVE);
        }
    }

    public boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    /** The supertypes this class names itself, its superclass first; none for {@code java/lang/Object}. */
    public List<String> supertypes() {
        List<String> all = new ArrayList<>();
        if (superName != null) {
            all.add(superName);
        }
        all.addAll(interfaces);
        return all;
    }

    public static ClassFacts read(byte[] bytes) {
        Reader reader = new Reader();
        new ClassReader(bytes).accept(reader, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassFacts(reader.name, reader.access, reader.version, reader.superName,
                List.of(reader.interfaces), List.copyOf(reader.methods));
    }

    private static final class Reader extends ClassVisitor {

        String name;
        int access;
        int version;
        String superName;
        String[] interfaces;
        final List<MethodFacts> methods = new ArrayList<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.version = version;
            this.access = access;
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? new String[0] : interfaces;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                boolean activity;
                boolean account;

                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    activity |= visible && annotation.equals(ACTIVITY);
                    return null;
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    account |= visible && annotation.equals(ACCOUNT);
                    return null;
                }

                @Override
                public void visitEnd() {
                    methods.add(new MethodFacts(access, name, descriptor, activity, account));
                }
            };
        }
    }
}
