package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What PostgreSQL's jsonb does to a result's numbers: it keeps their decimal value but writes it
 * without an exponent, so a double Java writes as {@code 1.0E7} comes back as {@code 10000000}, an
 * integer, which a place declared {@code Object} would read as an Integer. Recording checks its
 * forms as they would come back from there.
 */
final class JsonbNumbers {

    private JsonbNumbers() {
    }

    /** Whether jsonb gives {@code value} back without a decimal point. */
    static boolean loseTheirPoint(double value) {
        String text = Double.toString(value);
        return text.indexOf('E') >= 0 && new BigDecimal(text).scale() <= 0;
    }

    /** {@code tree} as jsonb gives it back: itself when it holds no such double. */
    static JsonNode asReadBack(JsonNode tree) {
        if (tree.isDouble() && loseTheirPoint(tree.doubleValue())) {
            return BigIntegerNode.valueOf(new BigDecimal(Double.toString(tree.doubleValue())).toBigIntegerExact());
        }
        if (tree.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < tree.size(); i++) {
                JsonNode element = asReadBack(tree.get(i));
                if (element != tree.get(i)) {
                    copy = copy == null ? ((ArrayNode) tree).deepCopy() : copy;
                    copy.set(i, element);
                }
            }
            return copy == null ? tree : copy;
        }
        if (tree.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                JsonNode value = asReadBack(field.getValue());
                if (value != field.getValue()) {
                    copy = copy == null ? ((ObjectNode) tree).deepCopy() : copy;
                    copy.set(field.getKey(), value);
                }
            }
            return copy == null ? tree : copy;
        }
        return tree;
    }
}
