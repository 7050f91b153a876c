package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;

/**
 * What writes a state file's JSON, in its layout (two spaces a level, {@code "name": value}, empty
 * arrays and objects as {@code []} and {@code {}}): the calls {@link StateCodec} and
 * {@link SplicedEncoder} make, whichever writer makes the bytes. {@link DirectDayJsonWriter} writes
 * them itself; {@link GeneratorDayJsonWriter}, through Jackson's generator, writes what it cannot.
 */
interface DayJsonWriter extends Closeable {

    void writeStartObject() throws IOException;

    void writeEndObject() throws IOException;

    void writeEndArray() throws IOException;

    void writeFieldName(String name) throws IOException;

    void writeString(String text) throws IOException;

    void writeNumber(long number) throws IOException;

    void writeNull() throws IOException;

    /** An activity's recorded result, as the value of the field just named. */
    void writeResult(JsonNode result) throws IOException;

    /** Whatever is buffered, into the stream: a field's range is read off the stream's size. */
    void flush() throws IOException;

    void writeArrayFieldStart(String name) throws IOException;

    void writeObjectFieldStart(String name) throws IOException;

    default void writeStringField(String name, String text) throws IOException {
        writeFieldName(name);
        writeString(text);
    }

    default void writeNumberField(String name, long number) throws IOException {
        writeFieldName(name);
        writeNumber(number);
    }

    default void writeNullField(String name) throws IOException {
        writeFieldName(name);
        writeNull();
    }
}
