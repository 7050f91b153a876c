package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.Activity;
import dev.jobstate.core.model.DayKey;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final boolean returnsFuture;
    private final Type resultType;
    private final ClassLoader loader;
    private final String problem;
    private final Attempts attempts;
    private volatile DayKey lastKey; // most calls of a site in a row are for one account and day
    private volatile Replayed lastReplayed;
    private final AtomicBoolean skippedWithoutResult = new AtomicBoolean();

    private record Replayed(JsonNode recorded, Object value) {
    }

    private ActivitySite(String name, String type, IdTemplate id, AccountSource accountParameter,
                         boolean isStatic, Type returnType, Class<?> rawReturnType, ReturnShape shape,
                         ClassLoader loader, String problem, Attempts attempts) {
        this.name = name;
        this.attempts = attempts;
        this.type = type;
        this.id = id;
        this.accountParameter = accountParameter;
        this.isStatic = isStatic;
        this.returnType = returnType;
        this.rawReturnType = rawReturnType;
        this.returnsFuture = shape.kind() == ReturnShape.Kind.FUTURE;
        this.resultType = returnsFuture ? futureValueType(returnType) : returnType;
        this.loader = loader;
        this.problem = problem;
    }

    /**
     * The site of {@code method}, or null if it neither carries nor inherits an {@code @Activity}.
     * An inherited one is read as declared (its type, its id template with the declaring method's
     * parameter names), and applies to this method's arguments and return type.
     */
    public static ActivitySite of(Method method) {
        InheritedActivity.Declaration declaration = InheritedActivity.of(method);
        if (declaration == null) {
            return null;
        }
        Annotation activity = declaration.activity();
        String name = describe(method);
        ReturnShape shape = ReturnShape.of(method.getReturnType());
        try {
            String type;
            String template;
            if (activity instanceof Activity own) { // ours: read directly, a reflective read links method handles
                type = own.type();
                template = own.id();
            } else { // another copy of the annotation, a child-first loader's: by name
                type = Annotations.text(activity, "type");
                template = Annotations.text(activity, "id");
            }
            if (type.isBlank()) {
                throw new IllegalArgumentException("its type is blank");
            }
            IdTemplate id = IdTemplate.parse(template.isEmpty() ? escaped(method.getName()) : template,
                    method.getParameterCount(), parameterNames(declaration.method()));
            if (shape.problem() != null) {
                throw new IllegalArgumentException(shape.problem());
            }
            Attempts attempts = Attempts.of(activity);
            return new ActivitySite(name, type, id,
                    AccountSource.ofParameters(declaration.method().getParameterAnnotations(), method.getName()),
                    Modifier.isStatic(method.getModifiers()), method.getGenericReturnType(),
                    method.getReturnType(), shape, method.getDeclaringClass().getClassLoader(), null, attempts);
        } catch (RuntimeException e) {
            return new ActivitySite(name, null, null, null, false, method.getGenericReturnType(),
                    method.getReturnType(), shape, method.getDeclaringClass().getClassLoader(),
                    unusable(name, e.getMessage()), Attempts.NONE);
        }
    }

    /**
     * The site of activities called from code ({@code JobState.activity}): no method, so no id
     * template and no account parameter (both come with each call), a result declared as
     * {@code Object} (stored with its classes, so it replays as the class it was) or nothing.
     *
     * @param loader the loader of the calling code, through which stored class names are resolved
     */
    public static ActivitySite ofCode(String type, int maxAttempts, int retries, String backoff,
                                      List<Class<?>> retryOn, boolean once, boolean returnsNothing,
                                      ClassLoader loader) {
        String name = "JobState.activity(\"" + type + "\")";
        Class<?> returned = returnsNothing ? void.class : Object.class;
        try {
            if (type.isBlank()) {
                throw new IllegalArgumentException("its type is blank");
            }
            return new ActivitySite(name, type, null, null, true, returned, returned, ReturnShape.of(returned),
                    loader, null, Attempts.of(maxAttempts, retries, backoff, retryOn, once));
        } catch (RuntimeException e) {
            return new ActivitySite(name, null, null, null, true, returned, returned, ReturnShape.of(returned),
                    loader, "the activity " + name + " cannot be used: " + e.getMessage(), Attempts.NONE);
        }
    }

    /** {@code T} of {@code CompletableFuture<T>} or {@code CompletionStage<T>}; Object when raw. */
    private static Type futureValueType(Type returnType) {
        if (returnType instanceof ParameterizedType future && future.getActualTypeArguments().length == 1) {
            Type value = future.getActualTypeArguments()[0];
            return value instanceof WildcardType wildcard ? wildcard.getUpperBounds()[0] : value;
        }
        return Object.class;
    }

    /** {@code com.example.Bot.quiz(Offer)}, the form messages name a method by. */
    static String describe(Method method) {
        // A loop, not a stream: this runs on the first call, where a stream's classes cost milliseconds.
        List<String> parameters = new ArrayList<>();
        for (Class<?> parameter : method.getParameterTypes()) {
            parameters.add(parameter.getSimpleName());
        }
        return describe(method.getDeclaringClass().getName(), method.getName(), parameters);
    }

    /** {@link #describe(Method)} from names, for the agent to name a method before its class is loaded. */
    public static String describe(String owner, String method, List<String> parameterSimpleNames) {
        return owner + "." + method + "(" + String.join(", ", parameterSimpleNames) + ")";
    }

    /** What is said of an {@code @Activity} that cannot be honoured, so that it is said once however found. */
    public static String unusable(String name, String why) {
        return "@Activity on " + name + " cannot be used: " + why;
    }

    private static String[] parameterNames(Method method) {
        Parameter[] parameters = method.getParameters();
        if (parameters.length == 0 || !parameters[0].isNamePresent()) {
            return parameters.length == 0 ? new String[0] : null;
        }
        String[] names = new String[parameters.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = parameters[i].getName();
        }
        return names;
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

    /**
     * Whether it returns a {@code CompletableFuture} or {@code CompletionStage}: such a call is done
     * when its future completes, and its result is the future's value.
     */
    boolean returnsFuture() {
        return returnsFuture;
    }

    /** The type of what is recorded and replayed: the return type, or a future's value type. */
    Type resultType() {
        return resultType;
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

    /** True the first time a skipped call of it finds no recorded result, false after. */
    boolean firstSkipWithoutResult() {
        return !skippedWithoutResult.get() && !skippedWithoutResult.getAndSet(true);
    }

    /** Its cap on failed attempts a day and how a failed call is retried. */
    Attempts attempts() {
        return attempts;
    }

    /** Why this method runs untracked, or null when it is tracked. */
    public String problem() {
        return problem;
    }
}
