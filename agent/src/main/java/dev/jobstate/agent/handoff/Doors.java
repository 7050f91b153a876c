package dev.jobstate.agent.handoff;

import java.lang.reflect.Field;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A {@link HandoffDoors} field as a dynamic constant the JDK's classes can load:
 * {@code ClassLoader.getSystemClassLoader().loadClass("...HandoffDoors")}, then that class's static
 * final field, by {@code ConstantBootstraps}. Resolved once per call site, then a constant the JIT
 * folds, so a hook costs what the door itself does.
 *
 * <p>The usual way, a bridge class put on the bootstrap class path with
 * {@code Instrumentation.appendToBootstrapClassLoaderSearch}, makes HotSpot print "Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended" on the host's
 * stderr and turns class-data sharing off for every class loaded after. This needs no class of
 * ours on the bootstrap side at all, so none can clash with a host's own copy of jobstate either.
 */
final class Doors {

    private static final String BOOTSTRAPS = "java/lang/invoke/ConstantBootstraps";
    private static final Handle INVOKE = new Handle(Opcodes.H_INVOKESTATIC, BOOTSTRAPS, "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                    + "Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;", false);
    private static final Handle STATIC_FINAL = new Handle(Opcodes.H_INVOKESTATIC, BOOTSTRAPS, "getStaticFinal",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Class;)"
                    + "Ljava/lang/Object;", false);
    private static final ConstantDynamic SYSTEM_LOADER = new ConstantDynamic("loader", "Ljava/lang/ClassLoader;",
            INVOKE, new Handle(Opcodes.H_INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader",
                    "()Ljava/lang/ClassLoader;", false));
    private static final ConstantDynamic DOORS = new ConstantDynamic("doors", "Ljava/lang/Class;", INVOKE,
            new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/ClassLoader", "loadClass",
                    "(Ljava/lang/String;)Ljava/lang/Class;", false), SYSTEM_LOADER, HandoffDoors.class.getName());

    private Doors() {
    }

    /** The constant for {@code HandoffDoors.<name>}, which must exist with exactly this type. */
    static ConstantDynamic constant(String name, Class<?> type) {
        Field field;
        try {
            field = HandoffDoors.class.getField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("no door " + name, e);
        }
        if (field.getType() != type) {
            throw new IllegalStateException("door " + name + " is a " + field.getType().getName() + ", not a "
                    + type.getName());
        }
        return new ConstantDynamic(name, Type.getDescriptor(type), STATIC_FINAL, DOORS);
    }

    /** Whether the door's lookup, by the system class loader, finds this very class, as it must. */
    static boolean reachable() {
        try {
            return ClassLoader.getSystemClassLoader().loadClass(HandoffDoors.class.getName()) == HandoffDoors.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
