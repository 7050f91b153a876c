package dev.jobstate.agent;

import dev.jobstate.Activity;
import dev.jobstate.agent.weave.ClassFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Whether a class may inherit an {@code @Activity} from a supertype: an implementation of an
 * annotated interface method, of an annotated abstract method, or an override of an annotated
 * method. Java does not inherit method annotations; jobstate does, so that annotating the interface
 * a bot's classes implement is enough.
 *
 * <p>A class is loaded (and so reaches the agent) before its supertypes are, so this reads the
 * supertypes' class files through the class's loader, once per supertype and loader, and only for
 * supertypes outside the JDK. A "yes" is a hint for the transformer, which then matches methods
 * exactly.
 */
final class InheritedActivities {

    private static final byte[] ACTIVITY = AnnotationPrefilter.descriptor(Activity.class);

    private final Map<ClassLoader, Map<String, Boolean>> known = new WeakHashMap<>();

    /** Whether any of {@code supertypes}, or theirs at any depth, mentions {@code @Activity}. */
    synchronized boolean mayInherit(ClassLoader loader, List<String> supertypes) {
        if (allJdk(supertypes)) {
            return false; // most classes a host loads; and no map, no lambda made for them
        }
        Map<String, Boolean> ofLoader = known.computeIfAbsent(loader, l -> new HashMap<>());
        for (String supertype : supertypes) {
            if (mentions(loader, ofLoader, supertype, new HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} (an internal name) or a supertype of it mentions {@code @Activity}. */
    synchronized boolean mentionsActivity(ClassLoader loader, String type) {
        return mentions(loader, known.computeIfAbsent(loader, l -> new HashMap<>()), type, new HashSet<>());
    }

    private static boolean mentions(ClassLoader loader, Map<String, Boolean> ofLoader, String type, Set<String> seen) {
        if (ClassFiles.isJdk(type) || !seen.add(type)) {
            return false;
        }
        Boolean answer = ofLoader.get(type);
        if (answer == null) {
            byte[] bytes = classFile(loader, type);
            answer = bytes != null && (AnnotationPrefilter.contains(bytes, ACTIVITY)
                    || ClassHeader.supertypes(bytes).stream().anyMatch(s -> mentions(loader, ofLoader, s, seen)));
            ofLoader.put(type, answer);
        }
        return answer;
    }

    private static boolean allJdk(List<String> types) {
        for (String type : types) {
            if (!ClassFiles.isJdk(type)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] classFile(ClassLoader loader, String type) {
        try (InputStream in = loader.getResourceAsStream(type + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
