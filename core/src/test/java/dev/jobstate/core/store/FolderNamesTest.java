package dev.jobstate.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FolderNamesTest {

    /** Either plain safe characters and whole escapes, or that plus '~' and a 32-hex hash. */
    private static final Pattern SHAPE =
            Pattern.compile("%|([A-Za-z0-9@._+-]|%[0-9A-F]{2})+(~[0-9a-f]{32})?");

    static Stream<String> hostileNames() {
        return Stream.of("", ".", "..", "...", "../..", "../../x", "/etc/x", "/", "\\", "a/b", "a\\b",
                "..\\..\\x", "x/../../y", "\0", "a\0b", ".hidden", ".lock", "%", "%2E.", "%25", "~", "a~b",
                "C:\\x", "con", " ", "\t", "\n", "a b", "josé@exämple.com", "用户@例子.中国", "🙂",
                "user@email.com", "User@Email.com", "x".repeat(120), "x".repeat(121), "é".repeat(200),
                "/".repeat(500), ".".repeat(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@email.com", "daily-set", "a_b+c-d.e", "ACCOUNT42", "x.y"})
    void keepsASafeNameAsItIs(String name) {
        assertEquals(name, FolderNames.encode(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "..|%2E.",
        ".|%2E",
        ".hidden|%2Ehidden",
        "../../x|%2E.%2F..%2Fx",
        "/etc/x|%2Fetc%2Fx",
        "a b|a%20b",
        "100%|100%25",
        "~me|%7Eme",
        "josé|jos%C3%A9",
        "a:b|a%3Ab",
    })
    void percentEncodesEverythingElseAsUtf8Bytes(String name, String encoded) {
        assertEquals(encoded, FolderNames.encode(name));
    }

    @Test
    void encodesNulAndOtherControlCharacters() {
        assertEquals("a%00b", FolderNames.encode("a\0b"));
        assertEquals("%0A", FolderNames.encode("\n"));
    }

    @Test
    void theEmptyNameHasAFolderOfItsOwn() {
        assertEquals("%", FolderNames.encode(""));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void neverProducesAPathSeparatorADotNameOrAHiddenName(String name) {
        String folder = FolderNames.encode(name);

        assertFalse(folder.isEmpty());
        assertFalse(folder.contains("/"), folder);
        assertFalse(folder.contains("\\"), folder);
        assertFalse(folder.contains("\0"), folder);
        assertFalse(folder.startsWith("."), folder);
        assertTrue(folder.length() <= FolderNames.MAX_LENGTH, folder);
        assertTrue(SHAPE.matcher(folder).matches(), folder);
    }

    @Test
    void distinctNamesNeverShareAFolder() {
        Map<String, String> seen = new HashMap<>();
        List<String> names = Stream.concat(hostileNames(), Stream.of(
                "a%b", "a%25b", "a%2525b", "%2E", "%2E.", ".", "x".repeat(119), "x".repeat(122),
                "x".repeat(200), "x".repeat(200) + "y", "y" + "x".repeat(200), "é".repeat(201),
                "%".repeat(40), "%".repeat(41))).distinct().toList();
        for (String name : names) {
            String previous = seen.put(FolderNames.encode(name), name);
            assertNull(previous, "'" + previous + "' and '" + name + "' share a folder");
        }
    }

    @Test
    void aNameUpToTheLimitIsKeptAndALongerOneEndsInAHash() {
        String limit = "a".repeat(FolderNames.MAX_LENGTH);
        String over = "a".repeat(FolderNames.MAX_LENGTH + 1);

        assertEquals(limit, FolderNames.encode(limit));
        String hashed = FolderNames.encode(over);
        assertTrue(hashed.length() <= FolderNames.MAX_LENGTH, hashed);
        assertTrue(hashed.matches("a+~[0-9a-f]{32}"), hashed);
    }

    @Test
    void longNamesWithTheSamePrefixGetDifferentFolders() {
        String prefix = "p".repeat(300);

        assertNotEquals(FolderNames.encode(prefix + "1"), FolderNames.encode(prefix + "2"));
    }

    @Test
    void theReadablePrefixOfALongNameNeverCutsAnEscapeInHalf() {
        for (int plain = 80; plain < 90; plain++) {
            String name = "a".repeat(plain) + "é".repeat(40);
            String folder = FolderNames.encode(name);
            assertTrue(SHAPE.matcher(folder).matches(), folder);
            assertTrue(folder.contains("~"), folder);
        }
    }

    @Test
    void theEncodingOfANameThatIsNotTooLongDecodesBackToIt() {
        hostileNames().filter(n -> !FolderNames.encode(n).contains("~")).forEach(name ->
                assertEquals(name, decode(FolderNames.encode(name)), "round trip of '" + name + "'"));
    }

    private static String decode(String folder) {
        if (folder.equals("%")) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < folder.length(); i++) {
            char c = folder.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(folder.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
