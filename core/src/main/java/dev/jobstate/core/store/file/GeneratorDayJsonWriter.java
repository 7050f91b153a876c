package dev.jobstate.core.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.JsonTrees;
import java.io.IOException;

/** A state file written through Jackson's generator: what {@link DirectDayJsonWriter} leaves to it. */
final class GeneratorDayJsonWriter implements DayJsonWriter {

    private final JsonGenerator out;

    GeneratorDayJsonWriter(JsonGenerator out) {
        this.out = out;
    }

    @Override
    public void writeStartObject() throws IOException {
        out.writeStartObject();
    }

    @Override
    public void writeEndObject() throws IOException {
        out.writeEndObject();
    }

    @Override
    public void writeEndArray() throws IOException {
        out.writeEndArray();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        out.writeFieldName(name);
    }

    @Override
    public void writeString(String text) throws IOException {
        out.writeString(text);
    }

    @Override
    public void writeNumber(long number) throws IOException {
        out.writeNumber(number);
    }

    @Override
    public void writeNull() throws IOException {
        out.writeNull();
    }

    @Override
    public void writeResult(JsonNode result) throws IOException {
        if (JsonTrees.isPlain(result)) {
            JsonTrees.write(result, out);
        } else {
            out.writeTree(result);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void writeArrayFieldStart(String name) throws IOException {
        out.writeArrayFieldStart(name);
    }

    @Override
    public void writeObjectFieldStart(String name) throws IOException {
        out.writeObjectFieldStart(name);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
