package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.Map;

/** Jackson's failures as a result's messages tell them. */
final class JacksonProblems {

    private JacksonProblems() {
    }

    /** Jackson's message, after the place in the value it is about: "at offers[2].price …". */
    static String describe(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return message;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() == null) {
                path.append('[').append(step.getIndex()).append(']');
            } else if (step.getFrom() instanceof Map) {
                path.append('[').append(step.getFieldName()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            }
        }
        return "at " + path + " " + message;
    }
}
