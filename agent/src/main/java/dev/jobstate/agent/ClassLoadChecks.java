package dev.jobstate.agent;

import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.engine.ReturnShape;
import dev.jobstate.core.log.Log;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What is said about a class's {@code @Activity} methods when the class loads, before any of them
 * runs: one whose return type jobstate cannot follow or replay runs untracked, said once (the
 * engine says it again at the first call in the same words, so it is said once either way).
 */
final class ClassLoadChecks {

    private ClassLoadChecks() {
    }

    static void inspect(TypeDescription type) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (!method.isMethod() || method.isBridge()
                    || !OverridesActivity.isAnnotated(method, AgentInstaller.ACTIVITY)) {
                continue;
            }
            String name = ActivitySite.describe(type.getName(), method.getName(),
                    method.getParameters().asTypeList().asErasures().stream().map(TypeDescription::getSimpleName)
                            .toList());
            TypeDescription returned = method.getReturnType().asErasure();
            String problem = ReturnShape.of(returned.getName(), supertypes(returned)).problem();
            if (problem != null) {
                Log.errorOnce(name, ActivitySite.unusable(name, problem) + "; it runs untracked.", null);
            }
        }
    }

    private static Set<String> supertypes(TypeDescription type) {
        Set<String> names = new LinkedHashSet<>();
        // Most activities return these: no need to read their class files to know they are values.
        String name = type.getName();
        if (type.isPrimitive() || type.isArray() || name.startsWith("java.time.") || name.startsWith("java.math.")
                || name.startsWith("java.lang.") && !name.equals("java.lang.Iterable")) {
            return names;
        }
        Deque<TypeDescription> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            TypeDescription next = todo.poll();
            TypeDefinition superclass = next.getSuperClass();
            if (superclass != null && names.add(superclass.asErasure().getName())) {
                todo.add(superclass.asErasure());
            }
            for (TypeDefinition implemented : next.getInterfaces()) {
                if (names.add(implemented.asErasure().getName())) {
                    todo.add(implemented.asErasure());
                }
            }
        }
        return names;
    }
}
