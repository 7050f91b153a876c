package dev.jobstate.core.engine;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads our annotations by name rather than by class. A host that bundles its own copy of
 * jobstate-api behind a child-first class loader has a different {@code Activity} class than ours;
 * matching by name makes both count.
 */
final class Annotations {

    static final String ACTIVITY = Activity.class.getName();
    static final String ACCOUNT = Account.class.getName();

    private Annotations() {
    }

    static Annotation find(Annotation[] annotations, String name) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(name)) {
                return annotation;
            }
        }
        return null;
    }

    static String text(Annotation annotation, String attribute) {
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            return (String) method.invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getName()
                    + " has no readable " + attribute + "()", e);
        }
    }
}
