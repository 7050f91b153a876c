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

    /** {@code attribute}'s value, or {@code absent} when the annotation's version has no such attribute. */
    static int number(Annotation annotation, String attribute, int absent) {
        Object value = valueOrNull(annotation, attribute);
        return value instanceof Integer number ? number : absent;
    }

    /** {@code attribute}'s value, or false when the annotation's version has no such attribute. */
    static boolean flag(Annotation annotation, String attribute) {
        return Boolean.TRUE.equals(valueOrNull(annotation, attribute));
    }

    /** {@code attribute}'s value, or {@code absent} when the annotation's version has no such attribute. */
    static String textOr(Annotation annotation, String attribute, String absent) {
        Object value = valueOrNull(annotation, attribute);
        return value instanceof String text ? text : absent;
    }

    /** {@code attribute}'s classes, or none when the annotation's version has no such attribute. */
    static Class<?>[] classes(Annotation annotation, String attribute) {
        Object value = valueOrNull(annotation, attribute);
        return value instanceof Class<?>[] classes ? classes : new Class<?>[0];
    }

    private static Object valueOrNull(Annotation annotation, String attribute) {
        Method method;
        try {
            method = annotation.annotationType().getMethod(attribute);
        } catch (NoSuchMethodException e) {
            return null; // a bot built against an older jobstate-api
        }
        try {
            return method.invoke(annotation);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getName()
                    + " has no readable " + attribute + "()", e);
        }
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
