package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

/**
 * Values a result must not be or contain, recognised by their class before anything reads them.
 * Recording serializes a result, and serializing a stream, an iterator or an open input consumes it:
 * the host's own code, which gets the same object back, would find it empty. A lambda is code, not
 * data. A JDK class with no JSON form of its own could only be read through private fields the JDK
 * does not open.
 *
 * <p>Jackson asks for a value's serializer before it touches the value, so refusing there refuses
 * such a value at any depth, untouched.
 */
final class Unstorable {

    private static final String REACTIVE_PUBLISHER = "org.reactivestreams.Publisher";

    private static final ClassValue<String> REASONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return reasonFor(type);
        }
    };

    private Unstorable() {
    }

    /** Why a value of {@code type} cannot be recorded and what to return instead, or null when it can. */
    static String reason(Class<?> type) {
        return REASONS.get(type);
    }

    private static String reasonFor(Class<?> type) {
        if (BaseStream.class.isAssignableFrom(type)) {
            return "it is a Stream, which recording would consume; return a List instead, e.g. stream.toList()";
        }
        for (Class<?> cursor : new Class<?>[] {Iterator.class, Spliterator.class, Enumeration.class}) {
            if (cursor.isAssignableFrom(type)) {
                return "it is " + TypeNames.withArticle(cursor) + ", which recording would consume;"
                        + " return a List of its elements instead";
            }
        }
        if (InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)) {
            return "it is an open input, which recording would read to its end;"
                    + " return what you read from it (a String or a byte[]) instead";
        }
        if (Channel.class.isAssignableFrom(type)) {
            return "it is an open Channel, a connection and not data; return what you read from it instead";
        }
        if (Future.class.isAssignableFrom(type)) {
            return "it is a Future, whose result may not exist yet; return its result (future.get()) instead";
        }
        if (Flow.Publisher.class.isAssignableFrom(type) || implementsNamed(type, REACTIVE_PUBLISHER)) {
            return "it is a Publisher, which recording would subscribe to;"
                    + " return the items it publishes, as a List, instead";
        }
        if (Iterable.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type)
                && !Path.class.isAssignableFrom(type)) {
            return "it is an Iterable that is not a Collection, which recording would iterate;"
                    + " return a List instead";
        }
        if (type.isSynthetic() || type.isHidden()) {
            return "it is a lambda, code and not data;"
                    + " return a record or a class with a no-arg constructor whose fields hold data instead";
        }
        if (type.isAnonymousClass() && !type.getSuperclass().isEnum()) {
            return "it is an anonymous class, which cannot be created again on replay;"
                    + " return a record or a named class with a no-arg constructor instead";
        }
        return null;
    }

    /** Whether {@code type} implements an interface of that name, which jobstate does not depend on. */
    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Hands Jackson a refusing serializer for every class {@link #reason} refuses. */
    static final class Refuser extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
            String reason = reason(type.getRawClass());
            return reason == null ? null : new Refusing(reason);
        }
    }

    /**
     * Refuses the JDK classes Jackson has no serializer for: it would serialize them by their
     * private fields, which it cannot read back (and {@code new Object()} as an empty object).
     */
    static final class JdkBeans extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean,
                                                  JsonSerializer<?> serializer) {
            Class<?> type = bean.getBeanClass();
            if ((serializer instanceof BeanSerializerBase || serializer instanceof UnknownSerializer)
                    && JdkClasses.isJdk(type)) {
                return new Refusing("it is " + TypeNames.withArticle(type) + ", a JDK class with no JSON form"
                        + " of its own; return the data you need from it instead");
            }
            return serializer;
        }
    }

    /** Thrown where a refused value was met; Jackson adds the path to it on its way out. */
    static final class Refusal extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        Refusal(JsonGenerator generator, String reason) {
            super(generator, reason);
        }
    }

    private static final class Refusing extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Refusing(String reason) {
            super(Object.class);
            this.reason = reason;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
                throws JsonMappingException {
            throw new Refusal(generator, reason);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws JsonMappingException {
            throw new Refusal(generator, reason);
        }
    }
}
