package dev.jobstate.core.engine;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.EnumSet;

/**
 * The class names a typed result stores, and the classes they name when read back.
 *
 * <p>Written: the value's class, except that a non-public JDK collection is named by the public
 * class it replays as ({@link JdkClasses#standIn}), an enum constant with a body by its enum, and an
 * {@code EnumSet} as {@code java.util.EnumSet<its enum>}, which Jackson needs to create one (an
 * empty set's enum is found from its complement, without reflection into the JDK).
 *
 * <p>Read: resolved through the host's loader without running its static initializers, then
 * accepted only if it is a subtype of the type declared at that place and {@link StoredClassRule}
 * allows it.
 */
final class StoredClassNames extends TypeIdResolverBase {

    private static final String ENUM_SET = "java.util.EnumSet<";

    private final StoredClassRule rule;

    StoredClassNames(JavaType declared, TypeFactory types, StoredClassRule rule) {
        super(declared, types);
        this.rule = rule;
    }

    /** Whether the place this resolver names classes for is declared an {@code Optional} or the like. */
    boolean declaresReference() {
        return _baseType.isReferenceType();
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CLASS;
    }

    @Override
    public String idFromValue(Object value) {
        return idFromValueAndType(value, value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> type) {
        if (value instanceof EnumSet<?> set) {
            return ENUM_SET + enumOf(set).getName() + ">";
        }
        Class<?> named = type;
        if (Enum.class.isAssignableFrom(named) && !named.isEnum()) {
            named = named.getSuperclass();
        }
        return JdkClasses.standIn(named).getName();
    }

    private static Class<?> enumOf(EnumSet<?> set) {
        EnumSet<?> some = set.isEmpty() ? EnumSet.complementOf(set) : set;
        if (some.isEmpty()) {
            throw new IllegalArgumentException("an EnumSet of an enum without constants cannot be stored");
        }
        return some.iterator().next().getDeclaringClass();
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        try {
            return resolve(context.getTypeFactory(), id);
        } catch (IllegalArgumentException e) {
            if (context instanceof DeserializationContext reading) {
                throw reading.invalidTypeIdException(_baseType, id, e.getMessage());
            }
            throw e;
        }
    }

    /** @throws IllegalArgumentException saying why {@code id} may not be read back here */
    private JavaType resolve(TypeFactory types, String id) {
        boolean enumSet = id.startsWith(ENUM_SET) && id.endsWith(">");
        Class<?> raw = load(enumSet ? id.substring(ENUM_SET.length(), id.length() - 1) : id);
        if (enumSet && !raw.isEnum()) {
            throw new IllegalArgumentException("not an enum");
        }
        if (!rule.allows(raw)) {
            throw new IllegalArgumentException("a result may only name the host's own classes and the JDK's"
                    + " value types (numbers, strings, java.time, collections)");
        }
        JavaType type;
        try {
            // From Object, built as any type is (constructSpecializedType would skip the type
            // modifiers that make an Optional a reference type, and lose its content's names).
            type = enumSet ? types.constructCollectionType(EnumSet.class, raw)
                    : _baseType.isJavaLangObject() ? types.constructType(raw)
                    : types.constructSpecializedType(_baseType, raw);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !_baseType.isTypeOrSuperTypeOf(type.getRawClass())) {
            throw new IllegalArgumentException("it is not " + TypeNames.withArticle(_baseType.getRawClass()));
        }
        return type;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, rule.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no such class for the host's class loader");
        }
    }

    @Override
    public String getDescForKnownTypeIds() {
        return "class names allowed by StoredClassRule";
    }
}
