package dev.jobstate.agent;

import dev.jobstate.agent.weave.ClassFacts;
import dev.jobstate.agent.weave.ClassFacts.MethodFacts;
import dev.jobstate.agent.weave.ClassFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which of a class's methods get which advice. An activity is a method with code that carries
 * {@code @Activity}, or implements or overrides a supertype's {@code @Activity} method without
 * carrying it (Java does not inherit method annotations; jobstate does, as {@code ActivitySite}
 * finds at run time). A bridge only calls the method it bridges to, which is the one tracked. A scope
 * is a method with code that has an {@code @Account} parameter.
 */
final class MethodsToWeave {

    /** The advice one method gets; the scope, when both, around the activity. */
    record Advice(boolean scope, boolean activity) {
    }

    private final ClassFacts type;
    private final ClassFiles files;
    private List<MethodFacts> activitiesAbove; // read only if a method may override one

    private MethodsToWeave(ClassFacts type, ClassFiles files) {
        this.type = type;
        this.files = files;
    }

    /** Name and descriptor of each method to weave, with its advice; empty when there is none. */
    static Map<String, Advice> of(ClassFacts type, ClassFiles files) {
        MethodsToWeave plan = new MethodsToWeave(type, files);
        Map<String, Advice> woven = new HashMap<>();
        for (MethodFacts method : type.methods()) {
            if (!method.isMethod() || !method.hasCode()) {
                continue;
            }
            boolean activity = !method.is(Opcodes.ACC_BRIDGE) && (method.activity() || plan.overridesActivity(method));
            if (activity || method.accountParameter()) {
                woven.put(method.name() + method.descriptor(), new Advice(method.accountParameter(), activity));
            }
        }
        return woven;
    }

    private boolean overridesActivity(MethodFacts method) {
        if (method.is(Opcodes.ACC_STATIC) || method.is(Opcodes.ACC_PRIVATE)) {
            return false;
        }
        for (MethodFacts candidate : activitiesAbove()) {
            if (overrides(method, candidate)) {
                return true;
            }
        }
        return false;
    }

    private List<MethodFacts> activitiesAbove() {
        if (activitiesAbove == null) {
            List<MethodFacts> found = new ArrayList<>();
            for (String supertype : files.supertypes(type.name(), true)) {
                for (MethodFacts candidate : files.facts(supertype).methods()) {
                    if (candidate.activity() && candidate.isMethod()) {
                        found.add(candidate);
                    }
                }
            }
            activitiesAbove = found;
        }
        return activitiesAbove;
    }

    /** Same name and arity, each parameter assignable to the candidate's (a generic one is erased wider). */
    private boolean overrides(MethodFacts method, MethodFacts candidate) {
        if (candidate.is(Opcodes.ACC_STATIC) || candidate.is(Opcodes.ACC_PRIVATE)
                || !candidate.name().equals(method.name())) {
            return false;
        }
        Type[] mine = Type.getArgumentTypes(method.descriptor());
        Type[] theirs = Type.getArgumentTypes(candidate.descriptor());
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!files.isAssignable(mine[i].getDescriptor(), theirs[i].getDescriptor())) {
                return false;
            }
        }
        return true;
    }
}
