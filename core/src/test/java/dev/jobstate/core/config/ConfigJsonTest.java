package dev.jobstate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The config's JSON: strict RFC 8259, read into plain values, with where it went wrong. */
class ConfigJsonTest {

    private static Object parse(String json) throws ConfigJson.Malformed {
        return ConfigJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        Object root = parse("""
                {"text": "a \\"b\\" \\\\ \\/ \\n\\t\\u00e9", "whole": -42, "big": 123456789012345678901234567890,
                 "real": 1.5e3, "yes": true, "no": false, "none": null, "list": [1, [], {}], "empty": {}}""");
        Map<?, ?> object = (Map<?, ?>) root;
        assertEquals("a \"b\" \\ / \n\té", object.get("text"));
        assertEquals(-42L, object.get("whole"));
        assertEquals(new BigInteger("123456789012345678901234567890"), object.get("big"));
        assertEquals(1500.0, object.get("real"));
        assertEquals(Boolean.TRUE, object.get("yes"));
        assertEquals(Boolean.FALSE, object.get("no"));
        assertSame(ConfigJson.NULL, object.get("none"));
        assertEquals(List.of(1L, List.of(), Map.of()), object.get("list"));
        assertNull(ConfigJson.field(root, "missing"), "a missing key is not JSON's null");
        assertNull(ConfigJson.field("not an object", "text"));
    }

    @Test
    void keepsTheFilesOrderAndALaterDuplicateInPlaceOfTheEarlier() throws Exception {
        Map<?, ?> object = (Map<?, ?>) parse("{\"b\": 1, \"a\": 2, \"b\": 3}");
        assertEquals(List.of("b", "a"), List.copyOf(object.keySet()));
        assertEquals(3L, object.get("b"));
    }

    @Test
    void ignoresWhatFollowsTheFirstValueAndALeadingByteOrderMark() throws Exception {
        assertEquals(Map.of("a", 1L), parse("\uFEFF {\"a\": 1} trailing words"));
        assertNull(parse("  \n "), "no value at all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1,}", "{'a': 1}", "{\"a\" 1}", "[1 2]", "{\"a\": 01}", "{\"a\": +1}",
        "{\"a\": .5}", "{\"a\": 1.}", "{\"a\": tru}", "{\"a\": \"\\x\"}", "{\"a\": \"\\u12G4\"}", "{\"a\": NaN}",
        "{\"a\": \"open", "{\"a\": [1, 2", "{\"a\": \"tab\there\"}", "// comment\n{}", "{a: 1}"})
    void refusesWhatIsNotStrictJson(String json) {
        assertThrows(ConfigJson.Malformed.class, () -> parse(json));
    }

    @Test
    void saysOnWhichLineAndColumnItWentWrong() {
        ConfigJson.Malformed e = assertThrows(ConfigJson.Malformed.class,
                () -> parse("{\n  \"jobState\": {\n    \"enabled\": yes\n  }\n}"));
        assertEquals(3, e.line);
        assertEquals(16, e.column);
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    @Test
    void refusesTextThatIsNotUtf8AndNestingBeyondAThousandLevels() {
        assertThrows(ConfigJson.Malformed.class, () -> ConfigJson.parse(new byte[] {'{', '"', (byte) 0xC3, '"'}));
        assertThrows(ConfigJson.Malformed.class, () -> parse("[".repeat(1001) + "]".repeat(1001)));
    }

    @Test
    void writesWhatItRefusesAsCompactJson() throws Exception {
        assertEquals("{\"a\":[1,\"x\\\"y\",null,true,2.5],\"b\":{}}",
                ConfigJson.toJson(parse("{\"a\": [1, \"x\\\"y\", null, true, 2.5], \"b\": {}}")));
    }
}
