package dev.jobstate.agent;

import dev.jobstate.core.engine.ActivitySite;
import dev.jobstate.core.log.Log;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

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
            if (!InheritedActivities.isJdk(made) && inherited.mentionsActivity(loader, made)) {
                String activity = abstractActivity(loader, made.replace('/', '.'));
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
            TypePool.Resolution resolution = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader))
                    .describe(type);
            if (!resolution.isResolved() || !resolution.resolve().isInterface()) {
                return null;
            }
            TypeDescription described = resolution.resolve();
            for (MethodDescription method : described.getDeclaredMethods()) {
                if (method.isAbstract() && OverridesActivity.isAnnotated(method, AgentInstaller.ACTIVITY)) {
                    return ActivitySite.describe(type, method.getName(), method.getParameters().asTypeList()
                            .asErasures().stream().map(TypeDescription::getSimpleName).toList());
                }
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
