package dev.jobstate.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches a method that implements or overrides an {@code @Activity} method of a supertype without
 * carrying the annotation itself: it is that activity, as {@code ActivitySite} finds at run time.
 * Supertypes are read through ByteBuddy's type pool; the JDK's are skipped (they declare none).
 */
final class OverridesActivity extends ElementMatcher.Junction.AbstractBase<MethodDescription> {

    private final String activity;

    OverridesActivity(String activityAnnotation) {
        this.activity = activityAnnotation;
    }

    /** The annotated methods above the type matched last: ByteBuddy asks method by method. */
    private volatile Above last;

    private record Above(TypeDescription type, List<MethodDescription> activities) {
    }

    @Override
    public boolean matches(MethodDescription method) {
        if (method.isStatic() || method.isPrivate() || !method.isMethod() || method.isBridge()) {
            return false;
        }
        for (MethodDescription candidate : activitiesAbove(method.getDeclaringType().asErasure())) {
            if (overrides(method, candidate)) {
                return true;
            }
        }
        return false;
    }

    private List<MethodDescription> activitiesAbove(TypeDescription type) {
        Above above = last;
        if (above != null && above.type().equals(type)) {
            return above.activities();
        }
        List<MethodDescription> found = new ArrayList<>();
        for (TypeDescription supertype : supertypes(type)) {
            for (MethodDescription candidate : supertype.getDeclaredMethods()) {
                if (isAnnotated(candidate, activity)) {
                    found.add(candidate);
                }
            }
        }
        last = new Above(type, found);
        return found;
    }

    static boolean isAnnotated(MethodDescription method, String annotation) {
        for (AnnotationDescription present : method.getDeclaredAnnotations()) {
            if (present.getAnnotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** Same name and arity, each parameter assignable to the candidate's (a generic one is erased wider). */
    private static boolean overrides(MethodDescription method, MethodDescription candidate) {
        if (candidate.isStatic() || candidate.isPrivate() || !candidate.getName().equals(method.getName())) {
            return false;
        }
        ParameterList<?> mine = method.getParameters();
        ParameterList<?> theirs = candidate.getParameters();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).getType().asErasure().isAssignableTo(theirs.get(i).getType().asErasure())) {
                return false;
            }
        }
        return true;
    }

    private static Set<TypeDescription> supertypes(TypeDescription type) {
        Set<TypeDescription> found = new HashSet<>();
        Deque<TypeDescription> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            TypeDescription next = todo.poll();
            TypeDefinition superclass = next.getSuperClass();
            if (superclass != null) {
                add(superclass.asErasure(), found, todo);
            }
            for (TypeDefinition implemented : next.getInterfaces()) {
                add(implemented.asErasure(), found, todo);
            }
        }
        return found;
    }

    private static void add(TypeDescription type, Set<TypeDescription> found, Deque<TypeDescription> todo) {
        String name = type.getName();
        if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.") && found.add(type)) {
            todo.add(type);
        }
    }
}
