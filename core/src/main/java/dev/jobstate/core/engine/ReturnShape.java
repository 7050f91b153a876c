package dev.jobstate.core.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an activity's declared return type lets jobstate do with a call: record its value, follow
 * its future ({@code CompletableFuture}, {@code CompletionStage}), or nothing — a type whose value
 * recording would consume (a {@code Stream}, an {@code Iterator}, an {@code InputStream}) or whose
 * outcome cannot be known without blocking (a plain {@code Future}, a reactive type). Such a method
 * runs untracked, said once: tracking it would either change the live value or record it done
 * before it is.
 *
 * <p>Decided from type names alone, so the agent can decide it when a class loads, before it runs.
 */
public final class ReturnShape {

    public enum Kind { VALUE, FUTURE, REFUSED }

    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

    /** Supertypes that carry an outcome jobstate cannot wait for without blocking. */
    private static final Set<String> UNFOLLOWABLE = Set.of("java.util.concurrent.Future",
            "java.util.concurrent.Flow$Publisher", "org.reactivestreams.Publisher",
            "io.reactivex.ObservableSource", "io.reactivex.SingleSource", "io.reactivex.MaybeSource",
            "io.reactivex.CompletableSource", "io.reactivex.rxjava3.core.ObservableSource",
            "io.reactivex.rxjava3.core.SingleSource", "io.reactivex.rxjava3.core.MaybeSource",
            "io.reactivex.rxjava3.core.CompletableSource", "rx.Observable", "rx.Single", "rx.Completable",
            "io.smallrye.mutiny.Uni", "io.smallrye.mutiny.Multi", "kotlinx.coroutines.Job",
            "kotlinx.coroutines.flow.Flow", "scala.concurrent.Future", "io.vertx.core.Future",
            "akka.stream.javadsl.Source");

    /** Supertypes whose values recording would consume. */
    private static final Set<String> CONSUMED = Set.of("java.util.stream.BaseStream", "java.util.Iterator",
            "java.util.Spliterator", "java.util.Enumeration", "java.io.InputStream", "java.io.Reader",
            "java.nio.channels.Channel");

    private final Kind kind;
    private final String problem;

    private ReturnShape(Kind kind, String problem) {
        this.kind = kind;
        this.problem = problem;
    }

    private static final ReturnShape VALUE = new ReturnShape(Kind.VALUE, null);
    private static final ReturnShape FUTURE = new ReturnShape(Kind.FUTURE, null);

    /**
     * @param typeName the declared return type's binary name ({@code java.util.Map$Entry})
     * @param supertypes the names of every class and interface it extends or implements, at any depth
     */
    public static ReturnShape of(String typeName, Set<String> supertypes) {
        if (typeName.equals(COMPLETABLE_FUTURE) || typeName.equals(COMPLETION_STAGE)) {
            return FUTURE;
        }
        String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
        if (supertypes.contains(COMPLETABLE_FUTURE) || supertypes.contains(COMPLETION_STAGE)) {
            return refused("a " + simple + ", which jobstate cannot hand back a future of; declare the method to"
                    + " return CompletableFuture<T> or CompletionStage<T>");
        }
        for (String name : named(typeName, supertypes)) {
            if (UNFOLLOWABLE.contains(name)) {
                return refused("a " + simple + " (" + name + "), whose outcome jobstate cannot follow without"
                        + " blocking, so it would be recorded done before it is; return CompletableFuture<T>");
            }
            if (CONSUMED.contains(name)) {
                return refused("a " + simple + ", which recording would consume and a skipped call could not"
                        + " give back; return a List, an array or the content it reads");
            }
        }
        if (supertypes.contains("java.lang.Iterable") && !supertypes.contains("java.util.Collection")
                && !typeName.equals("java.nio.file.Path") && !supertypes.contains("java.nio.file.Path")) {
            return refused("a " + simple + ", an Iterable that is not a Collection, which recording could"
                    + " consume; return a List");
        }
        return VALUE;
    }

    /** The shape of {@code type}, with its supertypes found by reflection. */
    public static ReturnShape of(Class<?> type) {
        return of(type.getName(), supertypesOf(type));
    }

    private static List<String> named(String typeName, Set<String> supertypes) {
        Set<String> all = new LinkedHashSet<>();
        all.add(typeName);
        all.addAll(supertypes);
        return List.copyOf(all);
    }

    private static ReturnShape refused(String why) {
        return new ReturnShape(Kind.REFUSED, "it returns " + why);
    }

    static Set<String> supertypesOf(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> next = todo.poll();
            Class<?> superclass = next.getSuperclass();
            if (superclass != null && names.add(superclass.getName())) {
                todo.add(superclass);
            }
            for (Class<?> implemented : next.getInterfaces()) {
                if (names.add(implemented.getName())) {
                    todo.add(implemented);
                }
            }
        }
        return names;
    }

    public Kind kind() {
        return kind;
    }

    /** Why a call of such a method cannot be tracked, or null when it can. */
    public String problem() {
        return problem;
    }
}
