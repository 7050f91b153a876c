package dev.jobstate.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Map;

/**
 * Jackson trees read and written with jackson-core's streaming parser and generator alone, the way
 * an {@code ObjectMapper}'s {@code readTree} and tree serialization do with default settings.
 *
 * <p>Why not an {@code ObjectMapper}: the first one in a JVM loads and initialises some 400 of
 * databind's classes (type factory, serializer and deserializer caches, introspection), which is
 * most of what reading the config and writing the first state file cost at start-up. The trees are
 * the same node classes an {@code ObjectMapper} builds, so code that reads them cannot tell.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * The first value of {@code parser}, as {@code ObjectMapper.readTree} builds it: integers as the
     * smallest of int, long and big integer nodes, other numbers as doubles, a later duplicate key
     * in place of the earlier. A parser with no value gives a missing node. What follows the value is
     * left to the caller.
     */
    public static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return JsonNodeFactory.instance.missingNode();
        }
        return value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            // the parser reports an end of input inside a value itself; this is only a safeguard
            throw new IOException("unexpected end of a JSON text");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT:
                ObjectNode object = nodes.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw new IOException("unexpected token " + next + " where a field name belongs");
                    }
                    String name = parser.currentName();
                    object.replace(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (next == null) {
                        throw new IOException("unexpected end of a JSON text");
                    }
                    array.add(value(parser, next));
                }
                return array;
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? nodes.numberNode(parser.getDecimalValue()) : nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                // JSON text has no embedded objects; a parser that hands one over is not a JSON parser.
                throw new IOException("unexpected token " + token + " in a JSON text");
        }
    }

    /**
     * Whether {@link #write} can write every node of {@code node}: objects, arrays, strings, numbers,
     * booleans and nulls. Binary and POJO nodes (which a result codec may build in memory) need an
     * {@code ObjectMapper}'s serializers.
     */
    public static boolean isPlain(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!isPlain(child)) {
                    return false;
                }
            }
            return true;
        }
        return node instanceof TextNode || node instanceof NullNode || node instanceof BooleanNode
                || node instanceof IntNode || node instanceof LongNode || node instanceof ShortNode
                || node instanceof DoubleNode || node instanceof FloatNode || node instanceof BigIntegerNode
                || node instanceof DecimalNode;
    }

    /**
     * Writes a {@link #isPlain plain} tree the way its own {@code serialize} does under an
     * {@code ObjectMapper}'s default settings: every field, nulls and empty arrays included.
     *
     * @throws IllegalArgumentException on a node that is not plain
     */
    public static void write(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.writeFieldName(field.getKey());
                write(field.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(element, out);
            }
            out.writeEndArray();
        } else if (node instanceof TextNode) {
            out.writeString(node.textValue());
        } else if (node instanceof NullNode) {
            out.writeNull();
        } else if (node instanceof BooleanNode) {
            out.writeBoolean(node.booleanValue());
        } else if (node instanceof IntNode || node instanceof ShortNode) {
            out.writeNumber(node.intValue());
        } else if (node instanceof LongNode) {
            out.writeNumber(node.longValue());
        } else if (node instanceof DoubleNode) {
            out.writeNumber(node.doubleValue());
        } else if (node instanceof FloatNode) {
            out.writeNumber(node.floatValue());
        } else if (node instanceof BigIntegerNode) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node instanceof DecimalNode) {
            out.writeNumber(node.decimalValue());
        } else {
            throw new IllegalArgumentException("not a plain JSON node: " + node.getClass().getName());
        }
    }
}
