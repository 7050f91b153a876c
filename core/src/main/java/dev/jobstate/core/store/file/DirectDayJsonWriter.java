package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a state file's bytes itself, the same bytes Jackson's generator writes with the file's
 * pretty printer ({@code DirectDayJsonWriterTest} holds the two to each other over thousands of
 * days): a bot's first checkpoint then needs none of jackson-core, whose {@code JsonFactory}, linked
 * and verified with its parsers and generators, took 30-40 ms of the thread the first activity
 * waits for.
 *
 * <p>It writes ids, texts and numbers, and results of text, whole numbers, booleans, nulls and
 * objects and arrays of them. Any other result (a fraction, a big number, a POJO) or one nested
 * deeper than {@link #MAX_DEPTH} throws {@link Unwritable}, and the caller writes the whole file
 * through {@link GeneratorDayJsonWriter} instead, as before.
 */
final class DirectDayJsonWriter implements DayJsonWriter {

    /** What this writer leaves to Jackson's: the caller starts the file again with that one. */
    static final class Unwritable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unwritable INSTANCE = new Unwritable();

        private Unwritable() {
            super(null, null, false, false);
        }
    }

    /** Far inside the generator's limit; deeper results are rare and go to it. */
    static final int MAX_DEPTH = 64;

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    /**
     * Per ASCII character, as Jackson escapes it in a string: 0 as it is, -1 as a backslash, u, 00 and
     * two hex digits, else a backslash and this character.
     */
    private static final byte[] ESCAPES = new byte[128];

    static {
        Arrays.fill(ESCAPES, 0, 32, (byte) -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private final ByteArrayOutputStream target;
    private byte[] buffer = new byte[512];
    private int length;
    /** Per open object or array, from the file's own at 1: whether it is an array, and its entries so far. */
    private final boolean[] isArray = new boolean[MAX_DEPTH + 1];
    private final int[] entries = new int[MAX_DEPTH + 1];
    private int depth;

    DirectDayJsonWriter(ByteArrayOutputStream target) {
        this.target = target;
    }

    @Override
    public void writeStartObject() {
        beforeValue();
        write('{');
        open(false);
    }

    @Override
    public void writeEndObject() {
        close('}');
    }

    private void writeStartArray() {
        beforeValue();
        write('[');
        open(true);
    }

    @Override
    public void writeEndArray() {
        close(']');
    }

    @Override
    public void writeArrayFieldStart(String name) {
        writeFieldName(name);
        writeStartArray();
    }

    @Override
    public void writeObjectFieldStart(String name) {
        writeFieldName(name);
        writeStartObject();
    }

    @Override
    public void writeFieldName(String name) {
        if (entries[depth]++ > 0) {
            write(',');
        }
        newLine(depth);
        quoted(name);
    }

    @Override
    public void writeString(String text) {
        beforeValue();
        quoted(text);
    }

    @Override
    public void writeNumber(long number) {
        beforeValue();
        ascii(Long.toString(number));
    }

    @Override
    public void writeNull() {
        beforeValue();
        ascii("null");
    }

    @Override
    public void writeResult(JsonNode result) {
        if (result instanceof TextNode) {
            writeString(result.textValue());
        } else if (result instanceof IntNode || result instanceof ShortNode || result instanceof LongNode) {
            writeNumber(result.longValue());
        } else if (result instanceof BooleanNode) {
            beforeValue();
            ascii(result.booleanValue() ? "true" : "false");
        } else if (result instanceof NullNode) {
            writeNull();
        } else if (result.isObject()) {
            writeStartObject();
            for (Map.Entry<String, JsonNode> field : result.properties()) {
                writeFieldName(field.getKey());
                writeResult(field.getValue());
            }
            writeEndObject();
        } else if (result.isArray()) {
            writeStartArray();
            for (JsonNode element : result) {
                writeResult(element);
            }
            writeEndArray();
        } else {
            throw Unwritable.INSTANCE;
        }
    }

    @Override
    public void flush() {
        target.write(buffer, 0, length);
        length = 0;
    }

    @Override
    public void close() {
        flush();
    }

    /** The separator the pretty printer puts before a value: a new line in an array, {@code ": "} after a name. */
    private void beforeValue() {
        if (depth == 0) {
            return; // the file's one object
        }
        if (isArray[depth]) {
            if (entries[depth]++ > 0) {
                write(',');
            }
            newLine(depth);
        } else {
            write(':');
            write(' ');
        }
    }

    private void open(boolean array) {
        if (depth == MAX_DEPTH) {
            throw Unwritable.INSTANCE;
        }
        depth++;
        isArray[depth] = array;
        entries[depth] = 0;
    }

    /** Empty, the bracket right after the opening one; else on a line of its own. */
    private void close(char bracket) {
        int written = entries[depth];
        depth--;
        if (written > 0) {
            newLine(depth);
        }
        write(bracket);
    }

    private void newLine(int level) {
        room(1 + 2 * level);
        buffer[length++] = '\n';
        Arrays.fill(buffer, length, length + 2 * level, (byte) ' ');
        length += 2 * level;
    }

    /** {@code text} in quotes, escaped as Jackson escapes it, in UTF-8. */
    private void quoted(String text) {
        // Room for a byte a character and the quotes; a character that takes more makes room for
        // its six at most and a byte for each one after it.
        room(2 + text.length());
        buffer[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ESCAPES[c] == 0) {
                buffer[length++] = (byte) c;
                continue;
            }
            room(6 + text.length() - i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape > 0) {
                    buffer[length++] = '\\';
                    buffer[length++] = escape;
                } else {
                    buffer[length++] = '\\';
                    buffer[length++] = 'u';
                    buffer[length++] = '0';
                    buffer[length++] = '0';
                    buffer[length++] = HEX[c >> 4];
                    buffer[length++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else {
                // Jackson's generator escapes each half of a pair (an emoji is two escapes), and a lone one.
                buffer[length++] = '\\';
                buffer[length++] = 'u';
                buffer[length++] = HEX[c >> 12];
                buffer[length++] = HEX[c >> 8 & 0xF];
                buffer[length++] = HEX[c >> 4 & 0xF];
                buffer[length++] = HEX[c & 0xF];
            }
        }
        buffer[length++] = '"';
    }

    /** Text of ASCII characters only: numbers and literals. */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void write(char c) {
        room(1);
        buffer[length++] = (byte) c;
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
