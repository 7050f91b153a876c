package dev.jobstate.core.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleAbstractTypeResolver;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two Jackson set-ups results go through: plain (a result's shape, no class names) and typed
 * (class names where the declared type does not decide, per host loader). Both read and write
 * classes by their fields, never through getters or setters: a getter may do work or change the
 * object, and the host gets the very object we serialize back.
 */
final class ResultMappers {

    /** One per loader of classes with activities, for the JVM's life: a bot has one or two. */
    private static final ConcurrentMap<ClassLoader, ObjectMapper> TYPED = new ConcurrentHashMap<>();

    private ResultMappers() {
    }

    /**
     * Made on first use: with its java.time and Optional modules it is a good part of jobstate's
     * start-up, and a bot whose activities return nothing never needs it.
     */
    private static final class Plain {
        static final ObjectMapper MAPPER = configured(ResultCodec.MAX_RESULT_DEPTH, resultModule());
    }

    static ObjectMapper plain() {
        return Plain.MAPPER;
    }

    /** The typed mapper that resolves stored class names through {@code loader}. */
    static ObjectMapper typed(ClassLoader loader) {
        ClassLoader key = loader == null ? ClassLoader.getPlatformClassLoader() : loader;
        // One level less: a typed result is stored inside the {"@jobstate.typed": ...} object.
        return TYPED.computeIfAbsent(key, l -> configured(ResultCodec.MAX_RESULT_DEPTH - 1, resultModule(),
                module("jobstate-typed-results", new NamedOptionals()))
                .setDefaultTyping(new StoredTyping(new StoredClassRule(l))));
    }

    /** Modules registered last: their serializers are asked first. */
    private static ObjectMapper configured(int maxDepth, Module... ours) {
        ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
                // Enforced while writing, so a result that contains itself stops at this depth
                // instead of recursing until the host's thread overflows its stack.
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxDepth).build())
                .build());
        mapper.registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        // After those: so that a Stream is refused before the Jdk8 module's serializer would consume it.
        for (Module module : ours) {
            mapper.registerModule(module);
        }
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
        return mapper
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A Duration as seconds would be a decimal number, which state files read as a double.
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // A class with no fields is a value too (one instance is as good as another).
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // "…+02:00[Europe/Paris]", read back as that zone, not as UTC or a bare offset.
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(SerializationFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // A result recorded before a field was removed still reads back.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static SimpleModule resultModule() {
        SimpleModule module = module("jobstate-results", new Unstorable.Refuser());
        module.setSerializerModifier(new Unstorable.JdkBeans());
        SimpleSerializers serializers = new SimpleSerializers(List.of(new BigDecimalAsText(), new PathAsWritten(),
                new FileAsWritten()));
        serializers.addSerializer(Double.class, new DoubleNamedWhenJsonbWouldNot());
        module.setSerializers(serializers);
        // HashMap, like the Set a Set replays as (HashSet): the class most code builds, so it stays plain.
        module.setAbstractTypes(new SimpleAbstractTypeResolver().addMapping(Map.class, HashMap.class));
        return module;
    }

    /** A module whose serializers come before those it is registered after. */
    private static SimpleModule module(String name, Serializers first) {
        return new SimpleModule(name) {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(first);
            }
        };
    }

    /**
     * A double in a place declared {@code Object} is named {@code ["java.lang.Double", 1.0E7]} when
     * PostgreSQL would give it back as an integer ({@link JsonbNumbers}); otherwise JSON's decimal
     * point tells it for a Double, as Jackson's own serializer relies on.
     */
    private static final class DoubleNamedWhenJsonbWouldNot extends StdScalarSerializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleNamedWhenJsonbWouldNot() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(value);
        }

        @Override
        public void serializeWithType(Double value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            if (!JsonbNumbers.loseTheirPoint(value)) {
                serialize(value, generator, provider);
                return;
            }
            WritableTypeId id = types.writeTypePrefix(generator, types.typeId(value, JsonToken.VALUE_NUMBER_FLOAT));
            serialize(value, generator, provider);
            types.writeTypeSuffix(generator, id);
        }
    }

    /**
     * A relative Path as written ("downloads/a.pdf"), which Jackson reads back as a path; Jackson's
     * own form, a file: URI, would replay it made absolute. An absolute one is still that URI.
     */
    private static final class PathAsWritten extends StdScalarSerializer<Path> {
        private static final long serialVersionUID = 1L;

        PathAsWritten() {
            super(Path.class);
        }

        @Override
        public void serialize(Path value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.isAbsolute() ? value.toUri().toString() : value.toString());
        }
    }

    /** A File as written, not made absolute as Jackson's form would: {@code new File("a")} is not equal to it. */
    private static final class FileAsWritten extends StdScalarSerializer<File> {
        private static final long serialVersionUID = 1L;

        FileAsWritten() {
            super(File.class);
        }

        @Override
        public void serialize(File value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.getPath());
        }
    }

    /**
     * A BigDecimal as text ("1.50"): a JSON number would come back from a state file as a double
     * and lose digits and scale. Numbers recorded before are still read.
     */
    private static final class BigDecimalAsText extends StdScalarSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        BigDecimalAsText() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.toString());
        }
    }
}
