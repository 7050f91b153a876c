package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Which classes a result read back from a state file or a database row may name. Whoever can write
 * those could otherwise have any class on the class path created with data of their choosing (the
 * "polymorphic deserialization gadget" attacks), so a stored name is accepted only for:
 * <ul>
 *   <li>a class of the host's: defined by the host's loader or one of its parents, and neither
 *       defined by the JDK's loaders nor named like the JDK's ({@code java.}, {@code javax.},
 *       {@code jdk.}, {@code sun.}, {@code com.sun.}). That is the bot's classes and those of the
 *       libraries it ships with;</li>
 *   <li>one of the JDK's value types ({@link JdkClasses#isStorableValueType});</li>
 *   <li>an array of either.</li>
 * </ul>
 * On top of this, every stored name must be a subtype of the type declared where it is read (the
 * method's return type at the top), and Jackson's own list of known gadget classes still applies.
 * Setters are never called: classes are filled in through their fields or their constructor.
 */
final class StoredClassRule extends PolymorphicTypeValidator.Base {

    private static final long serialVersionUID = 1L;

    private final transient ClassLoader loader;

    /** @param loader the loader of the class whose method returned the result */
    StoredClassRule(ClassLoader loader) {
        this.loader = loader;
    }

    ClassLoader loader() {
        return loader;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return allows(subType.getRawClass()) ? Validity.ALLOWED : Validity.DENIED;
    }

    boolean allows(Class<?> type) {
        Class<?> leaf = JdkClasses.leaf(type);
        if (JdkClasses.isJdk(leaf)) {
            return JdkClasses.isStorableValueType(leaf);
        }
        return !JdkClasses.hasJdkName(leaf.getName()) && definedByLoaderOrParents(leaf);
    }

    private boolean definedByLoaderOrParents(Class<?> type) {
        ClassLoader definer = type.getClassLoader();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l == definer) {
                return true;
            }
        }
        return false;
    }
}
