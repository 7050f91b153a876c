package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A state file a child JVM wrote, read as plain JSON, the way a user inspecting it would. */
record StateFile(Path path, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The six fields of the original format (what scripts before jobstate wrote), in their order. */
    static final List<String> ORIGINAL_FIELDS = List.of("date", "account", "type", "completed", "remaining", "lastUpdate");

    static StateFile read(Path path) {
        assertTrue(Files.isRegularFile(path), () -> "no state file " + path + "; the folder holds "
                + Workspace.filesEndingWith(path.getParent() == null ? path : path.getParent(), ""));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
        try {
            return new StateFile(path, JSON.readTree(bytes));
        } catch (IOException e) {
            return fail("state file " + path + " is not JSON:\n" + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    String text(String field) {
        return json.path(field).asText(null);
    }

    List<String> completed() {
        return strings("completed");
    }

    List<String> remaining() {
        return strings("remaining");
    }

    /** The recorded result, or null when none is recorded (a recorded null is a NullNode). */
    JsonNode result(String id) {
        return json.path("results").get(id);
    }

    JsonNode failure(String id) {
        return json.path("failures").get(id);
    }

    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<String> strings(String field) {
        JsonNode array = json.get(field);
        assertTrue(array != null && array.isArray(), () -> "\"" + field + "\" is not an array in " + this);
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    @Override
    public String toString() {
        return path + ":\n" + json.toPrettyString();
    }
}
