package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Turns an activity's result into JSON to record, and back into the method's generic return type
 * to replay. Records, beans, collections, {@code Optional} and {@code java.time} values round-trip.
 * Jackson annotations on the host's classes are not seen (our Jackson is a relocated copy), so a
 * result is stored by its plain shape.
 */
public final class ResultCodec {

    /** A bigger result is not recorded: state files must stay small enough to read back quickly. */
    static final int MAX_RESULT_CHARS = 256 * 1024;

    /**
     * A deeper result is not recorded: state files are read with a nesting limit (200), and a result
     * sits two levels down in its file, so a deeper one would make the whole file unreadable.
     */
    static final int MAX_RESULT_DEPTH = 100;

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @throws IllegalArgumentException naming why {@code value} cannot be recorded */
    public JsonNode record(Object value) {
        JsonNode node;
        try {
            node = json.valueToTree(value);
        } catch (StackOverflowError e) {
            // Jackson turns endless recursion through a bean into an exception, not through a
            // collection that contains itself; the host must not get the error.
            throw new IllegalArgumentException("it contains itself or is nested too deeply");
        }
        if (node != null && depth(node) > MAX_RESULT_DEPTH) {
            throw new IllegalArgumentException("it is nested more than " + MAX_RESULT_DEPTH + " levels deep");
        }
        if (node != null && node.toString().length() > MAX_RESULT_CHARS) {
            throw new IllegalArgumentException("its JSON is over " + MAX_RESULT_CHARS + " characters");
        }
        return node;
    }

    /** How many levels deep {@code node} goes (a scalar is one level), counted without recursion. */
    private static int depth(JsonNode node) {
        int deepest = 0;
        Deque<JsonNode> level = new ArrayDeque<>(List.of(node));
        while (!level.isEmpty()) {
            deepest++;
            Deque<JsonNode> next = new ArrayDeque<>();
            for (JsonNode n : level) {
                if (n.isContainerNode()) {
                    n.forEach(next::add);
                }
            }
            level = next;
        }
        return deepest;
    }

    /** @throws IllegalArgumentException naming why {@code recorded} does not read as {@code type} */
    public Object replay(JsonNode recorded, Type type) {
        try {
            return json.treeToValue(recorded, json.constructType(type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
