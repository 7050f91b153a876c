package dev.jobstate.agent;

import dev.jobstate.core.log.Log;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Reports a class that could not be instrumented. Without this a broken agent would silently do
 * nothing: the class then loads unchanged and its activities run untracked. Every class that
 * reaches ByteBuddy, transformed or not, also gets its {@link ClassLoadChecks}.
 */
final class FailureListener extends AgentBuilder.Listener.Adapter {

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        Log.errorOnce("transform:" + typeName, "could not instrument " + typeName
                + "; its activities run untracked", throwable);
    }

    @Override
    public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                 boolean loaded, DynamicType dynamicType) {
        Log.debug("instrumented " + typeDescription.getName());
        ClassLoadChecks.inspect(typeDescription);
    }

    @Override
    public void onIgnored(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                          boolean loaded) {
        ClassLoadChecks.inspect(typeDescription);
    }
}
