package dev.jobstate.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The class files a class's loader sees, read as files, never loaded: a class being woven must not
 * make others load (they would be woven inside its weaving, or be loaded before their time). One per
 * class woven; internal names throughout.
 */
public final class ClassFiles {

    private static final String OBJECT = "java/lang/Object";
    private static final String[] JDK = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private final ClassLoader loader;
    private final Map<String, ClassFacts> read = new HashMap<>();

    /** @param woven the class being woven, whose bytes are at hand rather than its loader's to find; or null */
    public ClassFiles(ClassLoader loader, ClassFacts woven) {
        this.loader = loader;
        if (woven != null) {
            read.put(woven.name(), woven);
        }
    }

    /** The facts of {@code type}; an {@link IllegalStateException} naming it when its file is not found. */
    public ClassFacts facts(String type) {
        ClassFacts facts = read.get(type);
        if (facts == null) {
            facts = ClassFacts.read(bytes(type));
            read.put(type, facts);
        }
        return facts;
    }

    /** Every supertype of {@code type} at any depth, nearest first; with {@code skipJdk}, none of the JDK's (not read). */
    public Set<String> supertypes(String type, boolean skipJdk) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            for (String supertype : facts(todo.poll()).supertypes()) {
                if (!(skipJdk && isJdk(supertype)) && found.add(supertype)) {
                    todo.add(supertype);
                }
            }
        }
        return found;
    }

    /**
     * Whether a value of the type described by {@code from} may be passed where {@code to} is
     * declared: descriptors ({@code Ljava/lang/String;}, {@code [I}).
     */
    public boolean isAssignable(String from, String to) {
        if (from.equals(to) || to.equals("L" + OBJECT + ";")) {
            return !isPrimitive(from) || from.equals(to);
        }
        if (from.startsWith("[")) {
            if (to.startsWith("[")) {
                return isAssignable(from.substring(1), to.substring(1));
            }
            return to.equals("Ljava/lang/Cloneable;") || to.equals("Ljava/io/Serializable;");
        }
        if (isPrimitive(from) || isPrimitive(to) || to.startsWith("[")) {
            return false;
        }
        String target = to.substring(1, to.length() - 1);
        return supertypes(from.substring(1, from.length() - 1), false).contains(target);
    }

    /** The nearest superclass both classes share, as a stack map frame names it where two paths meet. */
    public String commonSuperClass(String first, String second) {
        if (first.equals(second)) {
            return first;
        }
        ClassFacts one = facts(first);
        ClassFacts other = facts(second);
        if (one.isInterface() || other.isInterface()) {
            return OBJECT; // what the verifier takes any interface as
        }
        Set<String> ancestors = new LinkedHashSet<>();
        for (String type = first; type != null; type = facts(type).superName()) {
            ancestors.add(type);
        }
        for (String type = second; type != null; type = facts(type).superName()) {
            if (ancestors.contains(type)) {
                return type;
            }
        }
        return OBJECT;
    }

    /** Whether {@code type} (an internal name) is the JDK's, which declares no activity of a bot's. */
    public static boolean isJdk(String type) {
        for (String prefix : JDK) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrimitive(String descriptor) {
        return descriptor.length() == 1;
    }

    private byte[] bytes(String type) {
        String file = type + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(file)
                : loader.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the class file of " + type.replace('/', '.') + " is not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the class file of " + type.replace('/', '.') + " cannot be read", e);
        }
    }
}
