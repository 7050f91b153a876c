package dev.jobstate.core.engine;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;

/**
 * Where a typed result stores class names: wherever the declared type does not decide the class
 * (a non-final class or interface, {@code Object}, a type variable, arrays and {@code Optional}s of
 * those), as {@code ["class.Name", value]}. A final declared type (a record, {@code String},
 * {@code Integer}, {@code ZonedDateTime}...) has no name: it can only be that class; nor has a
 * {@code BigDecimal} or {@code BigInteger} (see {@link #useForType}). Strings, booleans,
 * {@code Integer}s and {@code Double}s have none anywhere, since JSON tells those apart itself. Map
 * keys never have one: they are stored as text and read back as the declared key type.
 */
final class StoredTyping extends ObjectMapper.DefaultTypeResolverBuilder {

    private static final long serialVersionUID = 1L;

    private final StoredClassRule rule;

    StoredTyping(StoredClassRule rule) {
        super(ObjectMapper.DefaultTyping.NON_FINAL, rule);
        this.rule = rule;
        init(JsonTypeInfo.Id.CLASS, null);
        inclusion(JsonTypeInfo.As.WRAPPER_ARRAY);
    }

    private StoredTyping(StoredTyping base, Class<?> defaultImpl) {
        super(base, defaultImpl);
        this.rule = base.rule;
    }

    /** Jackson's: the class a map slot without a name reads as, the class its abstract type maps to. */
    @Override
    public StoredTyping withDefaultImpl(Class<?> defaultImpl) {
        return _defaultImpl == defaultImpl ? this : new StoredTyping(this, defaultImpl);
    }

    /**
     * Also no name where the declared type is a {@code BigDecimal} or {@code BigInteger}: not final,
     * but nobody's results subclass them, and a subclass would be refused by the check anyway.
     */
    @Override
    public boolean useForType(JavaType type) {
        JavaType named = type;
        while (named.isArrayType() || named.isReferenceType()) {
            named = named.isArrayType() ? named.getContentType() : named.getReferencedType();
        }
        return !named.hasRawClass(BigDecimal.class) && !named.hasRawClass(BigInteger.class) && super.useForType(type);
    }

    @Override
    protected TypeIdResolver idResolver(MapperConfig<?> config, JavaType declared, PolymorphicTypeValidator validator,
                                        Collection<NamedType> subtypes, boolean forSerialization,
                                        boolean forDeserialization) {
        return new StoredClassNames(declared, config.getTypeFactory(), rule);
    }
}
