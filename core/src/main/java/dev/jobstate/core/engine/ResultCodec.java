package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Turns an activity's result into JSON to record, and back into the method's generic return type
 * to replay. Records, beans, collections, {@code Optional} and {@code java.time} values round-trip.
 * Jackson annotations on the host's classes are not seen (our Jackson is a relocated copy), so a
 * result is stored by its plain shape.
 */
public final class ResultCodec {

    /** A bigger result is not recorded: state files must stay small enough to read back quickly. */
    static final int MAX_RESULT_BYTES = 256 * 1024;

    /**
     * A result with more arrays and objects nested in each other is not recorded: state files are
     * read with a nesting limit (200), and a result sits two levels down in its file, so a much
     * deeper one would make the whole file unreadable.
     */
    static final int MAX_RESULT_DEPTH = 100;

    /**
     * Made on first use: with its java.time and Optional modules it is a good part of jobstate's
     * start-up, and a bot whose activities return nothing never needs it.
     */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                // Enforced while writing, so a result that contains itself stops at this depth
                // instead of recursing until the host's thread overflows its stack.
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_RESULT_DEPTH).build())
                .build())
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @throws IllegalArgumentException naming why {@code value}, declared as {@code declared}, cannot be recorded */
    public JsonNode record(Object value, Type declared) {
        return record(value);
    }

    /** @throws IllegalArgumentException naming why {@code value} cannot be recorded */
    public JsonNode record(Object value) {
        byte[] text;
        try {
            text = Mapper.JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
                throw new IllegalArgumentException("it contains itself or is nested more than "
                        + MAX_RESULT_DEPTH + " levels deep");
            }
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (text.length > MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("its JSON is over " + MAX_RESULT_BYTES + " bytes");
        }
        try {
            return Mapper.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("its JSON does not read back: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming why {@code recorded} does not read as {@code type} */
    public Object replay(JsonNode recorded, Type type) {
        try {
            return Mapper.JSON.treeToValue(recorded, Mapper.JSON.constructType(type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
