package dev.jobstate.core.engine;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

/**
 * A class as messages name it: the name the host wrote in its code. The JDK's hidden
 * implementations are named by what the host asked for ({@code List.of(...)} is "a List", a stream
 * "a Stream"), not by {@code ImmutableCollections$ListN}.
 */
final class TypeNames {

    /** Most specific first: a SortedSet is also a Set. */
    private static final List<Class<?>> WELL_KNOWN = List.of(BaseStream.class, Iterator.class,
            Spliterator.class, Enumeration.class, InputStream.class, Reader.class, Channel.class, Future.class,
            List.class, SortedSet.class, Set.class, SortedMap.class, Map.class, Collection.class, Path.class);

    private TypeNames() {
    }

    /** "a PremiumOffer", "an Iterator". */
    static String withArticle(Class<?> type) {
        String name = of(type);
        return ("AEIOUaeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    static String of(Class<?> type) {
        if (type.isArray()) {
            return of(type.getComponentType()) + "[]";
        }
        if (type.isSynthetic() || type.isHidden()) {
            return "lambda";
        }
        if (type.isAnonymousClass()) {
            Class<?> base = type.getSuperclass();
            if (base.isEnum()) {
                return of(base);
            }
            return "anonymous " + of(base == Object.class && type.getInterfaces().length > 0
                    ? type.getInterfaces()[0] : base);
        }
        if (!Modifier.isPublic(type.getModifiers()) && JdkClasses.isJdk(type)) {
            for (Class<?> known : WELL_KNOWN) {
                if (known.isAssignableFrom(type)) {
                    return known == BaseStream.class ? "Stream" : known.getSimpleName();
                }
            }
            Class<?> base = type.getSuperclass();
            while (base != null && !Modifier.isPublic(base.getModifiers())) {
                base = base.getSuperclass();
            }
            return base == null || base == Object.class ? type.getName() : base.getSimpleName();
        }
        return type.getSimpleName();
    }
}
