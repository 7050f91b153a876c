package dev.jobstate.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.agent.handoff.HandoffInstaller;
import dev.jobstate.core.boot.JobStateRuntime;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Starts jobstate ({@link JobStateRuntime}) and makes the transformer for annotated classes. */
final class AgentInstaller {

    // Matched by name: a host may load its own copy of the annotations next to ours.
    static final String ACTIVITY = Activity.class.getName();
    static final String ACCOUNT = Account.class.getName();

    private AgentInstaller() {
    }

    /** @return the transformer for annotated classes, or null when jobstate is off for this run */
    static ClassFileTransformer install(String agentArgs, Instrumentation instrumentation) throws Exception {
        JobStateRuntime.agentArgs(agentArgs);
        EngineStart starting = EngineStart.begin();
        ClassFileTransformer weaver = weaver(); // prepared while jobstate starts, even if it turns out to be off
        if (!starting.isOn()) {
            return null;
        }
        // The JDK's executors and threads are instrumented only when a scope first opens: until then
        // there is no account for work handed over to carry.
        Dispatch.beforeFirstScope(() -> HandoffInstaller.install(instrumentation));
        return weaver;
    }

    static ClassFileTransformer weaver() {
        // Advice needs no class injection. Without this, building an AgentBuilder prepares
        // ByteBuddy's injection fallback through sun.misc.Unsafe, which JDK 24+ reports on the
        // host's stderr. The property lives in our relocated namespace, so it touches nothing else.
        System.setProperty(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
        // A bridge only calls the method it bridges to, which is the one tracked. A method that
        // implements or overrides an annotated one inherits its @Activity (OverridesActivity).
        ElementMatcher.Junction<MethodDescription> activities = isMethod().and(not(isAbstract()))
                .and(not(isNative())).and(not(isBridge()))
                .and(isAnnotatedWith(named(ACTIVITY)).or(new OverridesActivity(ACTIVITY)));
        ElementMatcher.Junction<MethodDescription> scopes = isMethod()
                .and(hasParameters(whereAny(isAnnotatedWith(named(ACCOUNT)))))
                .and(not(isAbstract())).and(not(isNative()));
        // Read once, not for every class transformed.
        Advice scopeAdvice = Advice.to(AccountScopeAdvice.class);
        Advice activityAdvice = Advice.to(ActivityAdvice.class);
        return new AdviceWeaver(activities.or(scopes), scopeAdvice.on(scopes), activityAdvice.on(activities));
    }
}
