package dev.jobstate.core.engine;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * The sites of a class's instrumented methods, keyed by name and descriptor
 * ({@code quiz(Ljava/lang/String;)I}), the form instrumentation can embed as a constant. Worked out
 * once per class, on the first call into it.
 */
public final class Sites {

    private record OfClass(Map<String, ActivitySite> activities, Map<String, ScopeSite> scopes) {
    }

    private static final ClassValue<OfClass> SITES = new ClassValue<>() {
        @Override
        protected OfClass computeValue(Class<?> type) {
            Map<String, ActivitySite> activities = new HashMap<>();
            Map<String, ScopeSite> scopes = new HashMap<>();
            for (Method method : type.getDeclaredMethods()) {
                String key = key(method);
                ActivitySite activity = ActivitySite.of(method);
                if (activity != null) {
                    activities.put(key, activity);
                }
                ScopeSite scope = ScopeSite.of(method);
                if (scope != null) {
                    scopes.put(key, scope);
                }
            }
            return new OfClass(Map.copyOf(activities), Map.copyOf(scopes));
        }
    };

    private Sites() {
    }

    public static ActivitySite activity(Class<?> owner, String nameAndDescriptor) {
        return SITES.get(owner).activities().get(nameAndDescriptor);
    }

    public static ScopeSite scope(Class<?> owner, String nameAndDescriptor) {
        return SITES.get(owner).scopes().get(nameAndDescriptor);
    }

    static String key(Method method) {
        return method.getName()
                + MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }
}
