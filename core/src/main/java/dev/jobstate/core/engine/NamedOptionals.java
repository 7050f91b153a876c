package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ReferenceTypeSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.datatype.jdk8.OptionalSerializer;
import java.io.IOException;
import java.util.Optional;

/**
 * Typed results: an {@code Optional} where the declared type does not say {@code Optional} (an
 * {@code Object}, a {@code T}) is stored with its class name, {@code ["java.util.Optional", content]}.
 * Jackson skips the {@code Optional} and names only its content, which would replay without it.
 * Where the declared type is an {@code Optional}, it is stored as Jackson does.
 */
final class NamedOptionals extends Serializers.Base {

    @Override
    public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                                                     BeanDescription bean, TypeSerializer contentTypes,
                                                     JsonSerializer<Object> contentSerializer) {
        if (!type.hasRawClass(Optional.class)) {
            return null;
        }
        boolean staticTyping = contentTypes == null && config.isEnabled(MapperFeature.USE_STATIC_TYPING);
        return new Named(type, staticTyping, contentTypes, contentSerializer);
    }

    private static final class Named extends OptionalSerializer {
        private static final long serialVersionUID = 1L;

        Named(ReferenceType type, boolean staticTyping, TypeSerializer contentTypes,
              JsonSerializer<Object> contentSerializer) {
            super(type, staticTyping, contentTypes, contentSerializer);
        }

        private Named(Named base, BeanProperty property, TypeSerializer contentTypes,
                      JsonSerializer<?> contentSerializer, NameTransformer unwrapper, Object suppressable,
                      boolean suppressNulls) {
            super(base, property, contentTypes, contentSerializer, unwrapper, suppressable, suppressNulls);
        }

        @Override
        protected ReferenceTypeSerializer<Optional<?>> withResolved(BeanProperty property, TypeSerializer contentTypes,
                                                                    JsonSerializer<?> contentSerializer,
                                                                    NameTransformer unwrapper) {
            return new Named(this, property, contentTypes, contentSerializer, unwrapper, _suppressableValue,
                    _suppressNulls);
        }

        @Override
        public ReferenceTypeSerializer<Optional<?>> withContentInclusion(Object suppressable, boolean suppressNulls) {
            return new Named(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper, suppressable,
                    suppressNulls);
        }

        @Override
        public void serializeWithType(Optional<?> value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            if (types.getTypeIdResolver() instanceof StoredClassNames names && names.declaresReference()) {
                super.serializeWithType(value, generator, provider, types);
                return;
            }
            WritableTypeId id = types.writeTypePrefix(generator, types.typeId(value, JsonToken.VALUE_EMBEDDED_OBJECT));
            if (value.isPresent()) {
                // Named as in any place declared Object, which is what it reads back as.
                Object content = value.get();
                provider.findValueSerializer(content.getClass()).serializeWithType(content, generator, provider,
                        provider.findTypeSerializer(provider.constructType(Object.class)));
            } else {
                generator.writeNull();
            }
            types.writeTypeSuffix(generator, id);
        }
    }
}
