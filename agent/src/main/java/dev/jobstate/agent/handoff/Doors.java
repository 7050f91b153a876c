package dev.jobstate.agent.handoff;

import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.utility.JavaConstant;

/**
 * Gives a {@link Door} parameter its {@link HandoffDoors} field as a dynamic constant:
 * {@code ClassLoader.getSystemClassLoader().loadClass("...HandoffDoors")}, then that class's static
 * final field, by {@link ConstantBootstraps}. Resolved once per call site, then a constant the JIT
 * folds, so a hook costs what the door itself does.
 *
 * <p>The usual way, a bridge class put on the bootstrap class path with
 * {@code Instrumentation.appendToBootstrapClassLoaderSearch}, makes HotSpot print "Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended" on the host's
 * stderr and turns class-data sharing off for every class loaded after. This needs no class of
 * ours on the bootstrap side at all, so none can clash with a host's own copy of jobstate either.
 */
final class Doors implements Advice.OffsetMapping.Factory<Door> {

    private static final Method SYSTEM_CLASS_LOADER;
    private static final Method LOAD_CLASS;
    private static final Method STATIC_FINAL;

    static {
        try {
            SYSTEM_CLASS_LOADER = ClassLoader.class.getMethod("getSystemClassLoader");
            LOAD_CLASS = ClassLoader.class.getMethod("loadClass", String.class);
            STATIC_FINAL = ConstantBootstraps.class.getMethod("getStaticFinal", MethodHandles.Lookup.class,
                    String.class, Class.class, Class.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Class<Door> getAnnotationType() {
        return Door.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                     AnnotationDescription.Loadable<Door> annotation, AdviceType adviceType) {
        TypeDescription.Generic type = target.getType();
        JavaConstant door = constant(annotation.load().value(), type.asErasure());
        return new Advice.OffsetMapping.ForStackManipulation(door.toStackManipulation(), type, type,
                Assigner.Typing.STATIC);
    }

    /** The constant for {@code HandoffDoors.<name>}, which must exist with exactly this type. */
    static JavaConstant constant(String name, TypeDescription type) {
        Field field;
        try {
            field = HandoffDoors.class.getField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("no door " + name, e);
        }
        if (!type.represents(field.getType())) {
            throw new IllegalStateException("door " + name + " is a " + field.getType().getName() + ", not a "
                    + type.getName());
        }
        JavaConstant loader = JavaConstant.Dynamic.ofInvocation(SYSTEM_CLASS_LOADER);
        JavaConstant doors = JavaConstant.Dynamic.ofInvocation(LOAD_CLASS, loader, HandoffDoors.class.getName());
        return JavaConstant.Dynamic.bootstrap(name, STATIC_FINAL, doors).withType(type);
    }

    /** Whether the advice's lookup, by the system class loader, finds this very class, as it must. */
    static boolean reachable() {
        try {
            return ClassLoader.getSystemClassLoader().loadClass(HandoffDoors.class.getName()) == HandoffDoors.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
