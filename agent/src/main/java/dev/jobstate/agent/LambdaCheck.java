package dev.jobstate.agent;

import dev.jobstate.agent.weave.ClassFacts;
import dev.jobstate.agent.weave.ClassFacts.MethodFacts;
import dev.jobstate.agent.weave.ClassFiles;
import dev.jobstate.core.log.Log;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A lambda or method reference that implements an interface whose abstract method is an
 * {@code @Activity} cannot be tracked: the JVM makes its class as the program runs, as a hidden class
 * that no agent may see or change. Said once per interface, naming the class that makes such a
 * lambda, when that class loads: its {@code invokedynamic} call sites name the interfaces they make.
 */
final class LambdaCheck {

    private final InheritedActivities inherited;

    LambdaCheck(InheritedActivities inherited) {
        this.inherited = inherited;
    }

    void inspect(ClassLoader loader, String className, List<String> madeTypes) {
        for (String made : madeTypes) {
            if (!ClassFiles.isJdk(made) && inherited.mentionsActivity(loader, made)) {
                String activity = abstractActivity(loader, made);
                if (activity != null) {
                    String type = made.replace('/', '.');
                    Log.warnOnce(activity + "#lambda", className.replace('/', '.') + " makes a lambda or method"
                            + " reference of " + type + ", whose " + activity + " is an @Activity; the JVM makes"
                            + " such classes as the program runs, out of jobstate's reach, so their calls run"
                            + " untracked. Implement " + type.substring(type.lastIndexOf('.') + 1)
                            + " in a named class to track them.");
                }
            }
        }
    }

    /** The abstract {@code @Activity} method of the interface {@code type}, named for messages; or null. */
    private static String abstractActivity(ClassLoader loader, String type) {
        try {
            ClassFacts facts = new ClassFiles(loader, null).facts(type);
            if (!facts.isInterface()) {
                return null;
            }
            for (MethodFacts method : facts.methods()) {
                if (method.is(Opcodes.ACC_ABSTRACT) && method.activity()) {
                    return ClassLoadChecks.describe(type, method);
                }
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
