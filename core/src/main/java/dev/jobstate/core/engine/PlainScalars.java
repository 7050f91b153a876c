package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.Type;

/**
 * The results whose stored form {@link ResultCodec#record} knows without writing it and reading it
 * back: an Integer, Long, Short, Byte, Boolean or String returned as its own declared type (or its
 * primitive). Such a value is JSON's own number, boolean or string, read back as that very class and
 * value, so the round trip could only agree. The node is the one the round trip's {@code readTree}
 * would give (an int-sized number is an IntNode whatever its class). Everything else, a String
 * declared {@code Object} included, takes the round trip.
 */
final class PlainScalars {

    /**
     * Longest String taken here: even if every char were escaped ({@code \u0000}, six bytes), its JSON
     * stays within the size limit, so a longer one is left to the round trip to measure and refuse.
     */
    static final int MAX_TEXT_CHARS = (ResultCodec.MAX_RESULT_BYTES - 2) / 6;

    private PlainScalars() {
    }

    /** What {@code value}, returned by a method declared to return {@code declared}, is stored as; null if not known here. */
    static JsonNode stored(Object value, Type declared) {
        if (value instanceof Integer number && (declared == Integer.class || declared == int.class)) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Long number && (declared == Long.class || declared == long.class)) {
            long n = number;
            return n == (int) n ? IntNode.valueOf((int) n) : LongNode.valueOf(n);
        }
        if (value instanceof Short number && (declared == Short.class || declared == short.class)) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Byte number && (declared == Byte.class || declared == byte.class)) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Boolean flag && (declared == Boolean.class || declared == boolean.class)) {
            return BooleanNode.valueOf(flag);
        }
        if (value instanceof String text && declared == String.class && isPlainText(text)) {
            return TextNode.valueOf(text);
        }
        return null;
    }

    /** Short enough, and without surrogates: a lone one is refused by the JSON writer, which this would miss. */
    private static boolean isPlainText(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
