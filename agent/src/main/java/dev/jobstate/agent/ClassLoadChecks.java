package dev.jobstate.agent;

import dev.jobstate.agent.weave.ClassFacts;
import dev.jobstate.agent.weave.ClassFacts.MethodFacts;
import dev.jobstate.agent.weave.ClassFiles;
import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.engine.ReturnShape;
import dev.jobstate.core.log.Log;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What is said about a class's {@code @Activity} methods when the class loads, before any of them
 * runs: one whose return type jobstate cannot follow or replay runs untracked, said once (the
 * engine says it again at the first call in the same words, so it is said once either way).
 */
final class ClassLoadChecks {

    private ClassLoadChecks() {
    }

    static void inspect(ClassFacts type, ClassFiles files) {
        for (MethodFacts method : type.methods()) {
            if (!method.isMethod() || method.is(Opcodes.ACC_BRIDGE) || !method.activity()) {
                continue;
            }
            String name = describe(type.name(), method);
            Type returned = Type.getReturnType(method.descriptor());
            String problem = ReturnShape.of(className(returned), supertypes(returned, files)).problem();
            if (problem != null) {
                Log.errorOnce(name, ActivitySite.unusable(name, problem) + "; it runs untracked.", null);
            }
        }
    }

    /** The method as {@code ActivitySite} names it, from its class file. */
    static String describe(String owner, MethodFacts method) {
        List<String> parameters = new ArrayList<>();
        for (Type parameter : Type.getArgumentTypes(method.descriptor())) {
            parameters.add(simpleName(parameter));
        }
        return ActivitySite.describe(owner.replace('/', '.'), method.name(), parameters);
    }

    /** As {@code Class.getName()} gives it: {@code [Ljava.lang.String;} for an array. */
    private static String className(Type type) {
        return type.getSort() == Type.ARRAY ? type.getDescriptor().replace('/', '.') : type.getClassName();
    }

    /** As {@code Class.getSimpleName()} gives it, for the usual names: a nested class without its outer one. */
    private static String simpleName(Type type) {
        if (type.getSort() == Type.ARRAY) {
            return simpleName(type.getElementType()) + "[]".repeat(type.getDimensions());
        }
        String name = type.getClassName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        int nested = simple.lastIndexOf('$');
        return nested >= 0 && nested < simple.length() - 1 && !Character.isDigit(simple.charAt(nested + 1))
                ? simple.substring(nested + 1) : simple;
    }

    private static Set<String> supertypes(Type type, ClassFiles files) {
        // Most activities return these: no need to read their class files to know they are values.
        String name = type.getClassName();
        if (type.getSort() != Type.OBJECT || name.startsWith("java.time.") || name.startsWith("java.math.")
                || name.startsWith("java.lang.") && !name.equals("java.lang.Iterable")) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String supertype : files.supertypes(type.getInternalName(), false)) {
            names.add(supertype.replace('/', '.'));
        }
        return names;
    }
}
