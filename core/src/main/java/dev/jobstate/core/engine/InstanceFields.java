package dev.jobstate.core.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields that hold the state of a class's instances, from the class up to its first JDK
 * superclass, which must hold none (Object, Record) unless it is a collection or map, whose state is
 * its content. Static and synthetic fields are not state; transient ones are.
 */
final class InstanceFields {

    private static final ClassValue<InstanceFields> OF = new ClassValue<>() {
        @Override
        protected InstanceFields computeValue(Class<?> type) {
            return find(type);
        }
    };

    final List<Field> fields;
    /** Why the state of its instances cannot be compared, or null. */
    final String problem;

    private InstanceFields(List<Field> fields, String problem) {
        this.fields = fields;
        this.problem = problem;
    }

    static InstanceFields of(Class<?> type) {
        return OF.get(type);
    }

    private static InstanceFields find(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        Class<?> c = type;
        for (; c != null && !JdkClasses.isJdk(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                if (!field.trySetAccessible()) {
                    return new InstanceFields(List.of(), "its field " + field.getName() + " cannot be read");
                }
                fields.add(field);
            }
        }
        if (c != null && c != Object.class && c != Record.class
                && !Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c)) {
            return new InstanceFields(List.of(), "it extends " + c.getName()
                    + ", a JDK class whose state cannot be compared with its replay");
        }
        return new InstanceFields(List.copyOf(fields), null);
    }
}
