package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.DayKey;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Everything about one {@code @Activity} method that does not change between calls, worked out
 * once: its type, id template, where its account comes from, and how to replay its result.
 * A method whose annotation cannot be honoured gets a site with a {@link #problem()}, and runs
 * untracked.
 */
public final class ActivitySite {

    private final String name;
    private final String type;
    private final IdTemplate id;
    private final AccountSource accountParameter;
    private final boolean isStatic;
    private final Type returnType;
    private final Class<?> rawReturnType;
    private final ClassLoader loader;
    private final String problem;
    private volatile DayKey lastKey; // most calls of a site in a row are for one account and day
    private volatile Replayed lastReplayed;

    private record Replayed(JsonNode recorded, Object value) {
    }

    private ActivitySite(String name, String type, IdTemplate id, AccountSource accountParameter,
                         boolean isStatic, Type returnType, Class<?> rawReturnType, ClassLoader loader,
                         String problem) {
        this.name = name;
        this.type = type;
        this.id = id;
        this.accountParameter = accountParameter;
        this.isStatic = isStatic;
        this.returnType = returnType;
        this.rawReturnType = rawReturnType;
        this.loader = loader;
        this.problem = problem;
    }

    /** The site of {@code method}, or null if it carries no {@code @Activity}. */
    public static ActivitySite of(Method method) {
        Annotation activity = Annotations.find(method.getAnnotations(), Annotations.ACTIVITY);
        if (activity == null) {
            return null;
        }
        String name = describe(method);
        try {
            String type = Annotations.text(activity, "type");
            String template = Annotations.text(activity, "id");
            if (type.isBlank()) {
                throw new IllegalArgumentException("its type is blank");
            }
            IdTemplate id = IdTemplate.parse(template.isEmpty() ? escaped(method.getName()) : template,
                    method.getParameterCount(), parameterNames(method));
            return new ActivitySite(name, type, id,
                    AccountSource.ofParameters(method.getParameterAnnotations(), method.getName()),
                    Modifier.isStatic(method.getModifiers()), method.getGenericReturnType(),
                    method.getReturnType(), method.getDeclaringClass().getClassLoader(), null);
        } catch (RuntimeException e) {
            return new ActivitySite(name, null, null, null, false, method.getGenericReturnType(),
                    method.getReturnType(), method.getDeclaringClass().getClassLoader(),
                    "@Activity on " + name + " cannot be used: " + e.getMessage());
        }
    }

    /** {@code com.example.Bot.quiz(Offer)}, the form messages name a method by. */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "("
                + String.join(", ", Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList())
                + ")";
    }

    private static String[] parameterNames(Method method) {
        Parameter[] parameters = method.getParameters();
        if (parameters.length == 0 || !parameters[0].isNamePresent()) {
            return parameters.length == 0 ? new String[0] : null;
        }
        return Arrays.stream(parameters).map(Parameter::getName).toArray(String[]::new);
    }

    private static String escaped(String methodName) {
        return methodName.replace("{", "{{").replace("}", "}}");
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    IdTemplate id() {
        return id;
    }

    AccountSource accountParameter() {
        return accountParameter;
    }

    boolean isStatic() {
        return isStatic;
    }

    Type returnType() {
        return returnType;
    }

    /** The loader of the method's class: the class names stored with its results are resolved through it. */
    ClassLoader loader() {
        return loader;
    }

    boolean returnsVoid() {
        return rawReturnType == void.class;
    }

    /** What a skipped call returns when no result can be replayed: null, 0 or false. */
    Object zero() {
        return Zero.of(rawReturnType);
    }

    /** The key of {@code account}'s day of this site's type, reusing the last one made. */
    DayKey keyFor(String account, LocalDate date) {
        DayKey last = lastKey;
        if (last != null && last.date() == date && last.account().equals(account)) {
            return last;
        }
        DayKey key = new DayKey(account, type, date);
        lastKey = key;
        return key;
    }

    /**
     * The value last replayed from {@code recorded} (the same node, not an equal one), or null.
     * Only for return types whose values cannot change, so handing one value to many callers is safe.
     */
    Object replayedBefore(JsonNode recorded) {
        Replayed last = lastReplayed;
        return last != null && last.recorded == recorded ? last.value : null;
    }

    void replayed(JsonNode recorded, Object value) {
        if (returnsImmutable()) {
            lastReplayed = new Replayed(recorded, value);
        }
    }

    private boolean returnsImmutable() {
        return rawReturnType.isPrimitive() || rawReturnType.isEnum() || rawReturnType == String.class
                || rawReturnType == Integer.class || rawReturnType == Long.class || rawReturnType == Boolean.class
                || rawReturnType == Double.class || rawReturnType == Float.class || rawReturnType == Short.class
                || rawReturnType == Byte.class || rawReturnType == Character.class;
    }

    /** Why this method runs untracked, or null when it is tracked. */
    public String problem() {
        return problem;
    }
}
