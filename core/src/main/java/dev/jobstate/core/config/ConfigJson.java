package dev.jobstate.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config file's JSON (RFC 8259, strict), read into plain values: a {@code Map} (keys in file
 * order, a later duplicate in place of the earlier), a {@code List}, a {@code String}, a {@code Long}
 * or {@code BigInteger} for a whole number, a {@code Double} for any other, a {@code Boolean}, or
 * {@link #NULL}.
 *
 * <p>Not Jackson: the config is read while the bot starts, and a first {@code JsonFactory} in a
 * JVM costs tens of milliseconds of class loading and initialising, on the thread the bot's first
 * activity waits for, for a file of a few lines.
 */
final class ConfigJson {

    /** JSON's {@code null}, which a missing key ({@code null} from {@link #field}) is not. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    // Deeper than any config; as deep as Jackson's own limit, which the file was held to before.
    private static final int MAX_DEPTH = 1000;

    private final String text;
    private int at;

    private ConfigJson(String text) {
        this.text = text;
    }

    /** Not JSON, with where: {@code line} and {@code column} count from 1. */
    static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        final int line;
        final int column;

        Malformed(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** The first value of {@code bytes} (UTF-8), or null when there is none; what follows it is ignored. */
    static Object parse(byte[] bytes) throws Malformed {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("it is not UTF-8 text", 1, 1);
        }
        ConfigJson json = new ConfigJson(text);
        if (text.startsWith("\uFEFF")) {
            json.at = 1;
        }
        json.skipSpace();
        return json.at == text.length() ? null : json.value(0);
    }

    /** {@code node}'s field {@code name}: null when {@code node} is no object or has no such field. */
    static Object field(Object node, String name) {
        return node instanceof Map<?, ?> object ? object.get(name) : null;
    }

    /** {@code value} as compact JSON, as messages quote what they refuse. */
    static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String string) {
            quote(string, out);
        } else if (value instanceof Map<?, ?> object) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                out.append(separator);
                quote((String) entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(array.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object value(int depth) throws Malformed {
        if (depth >= MAX_DEPTH) {
            throw malformed("it nests deeper than " + MAX_DEPTH + " levels");
        }
        if (at >= text.length()) {
            throw malformed("it ends inside a value");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw malformed("unexpected character " + describe(c));
            }
        };
    }

    private Map<String, Object> object(int depth) throws Malformed {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw malformed("expected a field name in double quotes");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            object.put(name, value(depth + 1));
            skipSpace();
            char next = peek();
            at++;
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                at--;
                throw malformed("expected ',' or '}' after a field");
            }
        }
    }

    private List<Object> array(int depth) throws Malformed {
        List<Object> array = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            skipSpace();
            array.add(value(depth + 1));
            skipSpace();
            char next = peek();
            at++;
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                at--;
                throw malformed("expected ',' or ']' after a value");
            }
        }
    }

    private String string() throws Malformed {
        at++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw malformed("it ends inside a string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("a control character " + describe(c) + " in a string must be escaped");
            }
            if (c != '\\') {
                out.append(c);
                at++;
                continue;
            }
            at++;
            char escaped = peek();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 5 > text.length()) {
                        throw malformed("it ends inside a \\u escape");
                    }
                    int code = 0;
                    for (int i = 1; i <= 4; i++) {
                        int digit = Character.digit(text.charAt(at + i), 16);
                        if (digit < 0) {
                            at += i;
                            throw malformed("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    at += 4;
                }
                default -> throw malformed("unknown escape \\" + describe(escaped));
            }
            at++;
        }
    }

    private Object number() throws Malformed {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
            if (isDigit(peek())) {
                throw malformed("a number must not start with 0");
            }
        } else if (!digits()) {
            throw malformed("expected a digit");
        }
        boolean whole = true;
        if (peek() == '.') {
            at++;
            whole = false;
            if (!digits()) {
                throw malformed("expected a digit after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            whole = false;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!digits()) {
                throw malformed("expected a digit in the exponent");
            }
        }
        String number = text.substring(start, at);
        if (!whole) {
            return new BigDecimal(number).doubleValue();
        }
        BigInteger big = new BigInteger(number);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private boolean digits() {
        int start = at;
        while (isDigit(peek())) {
            at++;
        }
        return at > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws Malformed {
        if (!text.startsWith(word, at)) {
            throw malformed("unrecognised word; expected " + word);
        }
        at += word.length();
        return value;
    }

    private void expect(char c) throws Malformed {
        if (peek() != c) {
            throw malformed("expected '" + c + "'");
        }
        at++;
    }

    /** The character at the cursor, or 0 at the end. */
    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private static String describe(char c) {
        return c == 0 ? "(end of file)" : c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private Malformed malformed(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Malformed(at >= text.length() ? message + " (at the end of the file)" : message, line,
                at - lineStart + 1);
    }
}
