package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.DayScanner;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain-shape scanner reads a day file as the agent's strict codec does (results aside), or
 * not at all: whatever it returns is what the full reader returns, and anything it is unsure of
 * (corrupt, truncated, escaped, non-ASCII, odd numbers) it leaves to that reader. The codec reads a
 * plain file with the same scanner first, so here it is held to the codec's reading as the CLI gets
 * it; core's {@code DayScannerAsCodecTest} holds both of its reads to Jackson's parser.
 */
class DayScannerTest {

    private static final DayKey KEY = new DayKey("a@example.com", "daily-set", LocalDate.parse("2025-09-20"));

    @TempDir
    Path folder;

    private final StateFiles strict = new StateFiles();

    private static final String PLAIN = """
            {
              "date": "2025-09-20",
              "account": "a@example.com",
              "type": "daily-set",
              "completed": ["check-in", "quiz-1", "poll-1"],
              "remaining": ["quiz-2", "pay-42"],
              "lastUpdate": "2025-09-20T10:30:00.000Z",
              "results": {"quiz-1": 10, "poll-1": {"offerId": "poll-1", "points": [5, {"deep": [[[]]]}]}, "n": null,
                          "t": true, "f": false, "neg": -3},
              "failures": {
                "quiz-2": {"exception": "java.io.IOException", "message": "timeout",
                           "lastFailure": "2025-09-20T10:29:58.120Z", "attempts": 2, "maxAttempts": 3},
                "gone": {"exception": "java.lang.IllegalStateException", "message": null,
                         "lastFailure": "2025-09-20T09:00:00Z", "attempts": 1, "extra": [1, {"x": "y"}]}
              },
              "durations": {"check-in": 412, "quiz-1": 1290, "poll-1": 9999999999},
              "runs": {"quiz-2": {"lastStart": "2025-09-20T10:29:57.020Z", "attempts": 2, "more": "x"}},
              "startMillis": {"check-in": 1758326400000, "quiz-2": 1758326400000},
              "revoked": {"quiz-3": "2025-09-20T10:00:00.000Z"},
              "resetAt": "2025-09-20T06:00:00.000Z",
              "started": {"pay-42": "2025-09-20T10:30:00.000Z"},
              "future": {"a": [1, 2, {"b": null}]}
            }
            """;

    @Test
    void readsThePlainShapeAsTheCodecDoes() throws IOException {
        byte[] bytes = PLAIN.getBytes(StandardCharsets.UTF_8);

        DayState day = DayScanner.scan(KEY, bytes, bytes.length);

        assertNotNull(day, "read without Jackson");
        assertEquals(codec(bytes), view(day));
        assertEquals(new DayNotes.RunInfo(Instant.parse("2025-09-20T10:29:57.020Z"), 2), day.notes().runs().get("quiz-2"));
        assertEquals(new DayNotes.RunInfo(Instant.ofEpochMilli(1758326400000L), 1), day.notes().runs().get("check-in"));
    }

    @Test
    void readsWhatTheAgentsWriterWrites() throws IOException {
        Instant at = Instant.parse("2025-09-20T10:29:58.120Z");
        DayState day = DayState.of(KEY, List.of("a", "b"), List.of("c", "d"), at, Map.of(),
                Map.of("c", new LastFailure("java.io.IOException", "timed out", at, 4, 4)),
                Map.of("a", 5L, "b", 0L), new DayNotes(Map.of("c", new DayNotes.RunInfo(at, 4),
                        "a", new DayNotes.RunInfo(at, 1)), Map.of("e", at), at, Map.of("d", at)));
        Path file = folder.resolve("written.json");
        strict.write(file, day);
        byte[] bytes = Files.readAllBytes(file);

        DayState read = DayScanner.scan(KEY, bytes, bytes.length);

        assertNotNull(read);
        assertEquals(codec(bytes), view(read));
    }

    @Test
    void readsEveryFileOfASyntheticFarmAsBothOtherReadersDo() throws IOException {
        FarmGenerator.generate(folder, 40, 3, LocalDate.parse("2025-09-20"), 7);
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertEquals(40 * 3 * 3, files.size());
        for (Path file : files) {
            DayKey key = DayFileRef.parse(file).orElseThrow().key();
            byte[] bytes = Files.readAllBytes(file);

            DayState scanned = DayScanner.scan(key, bytes, bytes.length);

            assertNotNull(scanned, file.toString());
            assertEquals(view(((StateFiles.Parsed) strict.read(file, key)).day()), view(scanned), file.toString());
            DayState streamed = DayFileReader.parseJson(key, bytes, bytes.length);
            if (streamed != null) { // null: a time without milliseconds, which that reader leaves to the codec
                assertEquals(view(streamed), view(scanned), file.toString());
            }
        }
    }

    /** Every prefix of a plain file is torn, but for the whole and its trailing space: none is read here. */
    @Test
    void aTruncatedFileIsLeftToTheFullReader() throws IOException {
        byte[] bytes = PLAIN.getBytes(StandardCharsets.UTF_8);
        int whole = PLAIN.stripTrailing().length();
        for (int length = 0; length < whole; length++) {
            assertNull(DayScanner.scan(KEY, bytes, length), "first " + length + " bytes");
        }
        assertNotNull(DayScanner.scan(KEY, bytes, whole));
    }

    /**
     * Any one byte of a plain file changed, to a character JSON gives a meaning: the scanner reads the
     * same as the codec, or leaves the file to it.
     */
    @Test
    void aFileWithAnyByteChangedReadsAsTheCodecReadsItOrNotHere() throws IOException {
        byte[] plain = PLAIN.getBytes(StandardCharsets.UTF_8);
        byte[] replacements = "{}[]\":, 0-9.eE\\nx\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        int read = 0;
        for (int i = 0; i < plain.length; i++) {
            for (byte replacement : replacements) {
                if (plain[i] == replacement) {
                    continue;
                }
                byte[] bytes = plain.clone();
                bytes[i] = replacement;
                DayState day = DayScanner.scan(KEY, bytes, bytes.length);
                if (day != null) {
                    read++;
                    assertEquals(codec(bytes), view(day), "byte " + i + " as " + (char) (replacement & 0xff));
                }
            }
        }
        assertTrue(read > 100, "some changes still read here: " + read);
    }

    /** Files the full reader reads or reports, which are not of the plain shape: none is read here. */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "not json",
        "{\"completed\": [",
        "{\"completed\": []} trailing",
        "{\"completed\": []} {}",
        "[\"completed\"]",
        "\"text\"",
        "{\"completed\": \"a\"}",
        "{\"completed\": [1]}",
        "{\"completed\": null}",
        "{\"remaining\": []}",
        "{\"completed\": [], \"remaining\": {}}",
        "{\"completed\": [], \"date\": 2025}",
        "{\"completed\": [], \"account\": {}}",
        "{\"completed\": [], \"results\": []}",
        "{\"completed\": [], \"failures\": []}",
        "{\"completed\": [], \"failures\": {\"x\": \"boom\"}}",
        "{\"completed\": [], \"durations\": 4}",
        "{\"completed\": [], \"results\": {\"a\": [}}",
        "{\"completed\": [], \"a\": \"\\u00\"}",
        "{\"completed\": [], \"completed\": 4}",
        "{\"completed\": [\"a\"], \"completed\": [\"b\"]}",
        "{\"completed\": [\"a\\\"b\"]}",
        "{\"completed\": [\"caf\u00e9\"]}",
        "\uFEFF{\"completed\": [\"a\"]}",
        "{\"completed\": [], \"n\": 1.5}",
        "{\"completed\": [], \"n\": 1e3}",
        "{\"completed\": [], \"n\": 01}",
        "{\"completed\": [], \"n\": nul}",
        "{\"completed\": [], \"n\": nulls}",
        "{\"completed\": [], \"n\": -}",
        "{\"completed\": [],}",
        "{\"completed\": [\"a\",]}",
        "{\"completed\" [\"a\"]}",
        "{'completed': []}",
        "{\"completed\": [], \"lastUpdate\": \"2025-09-20T10:30:00.123456789Z\"}",
        "{\"completed\": [], \"lastUpdate\": \"2025-02-30T10:30:00.000Z\"}",
        "{\"completed\": [], \"lastUpdate\": \"2025-06-30T23:59:60.000Z\"}",
        "{\"completed\": [], \"lastUpdate\": \"2025-06-30T24:00:00Z\"}",
        "{\"completed\": [], \"lastUpdate\": \"0999-06-30T10:00:00Z\"}",
        "{\"completed\": [], \"lastUpdate\": \"2025-06-30 10:00:00Z\"}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": 9999999999}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": \"3\"}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"exception\": \"F\"}}}",
        "{\"completed\": [], \"failures\": {\"x\": {}, \"x\": {}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"lastFailure\": null}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": null}}}",
        "{\"completed\": [], \"durations\": {\"a\": 1234567890123456789}}",
        "{\"completed\": [], \"runs\": {\"a\": {\"attempts\": 3}}}",
        "{\"completed\": [], \"runs\": {\"a\": {\"lastStart\": \"2025-09-20T00:00:00.000Z\","
                + " \"lastStart\": \"2025-09-20T00:00:00.000Z\"}}}",
        "{\"completed\": [], \"startMillis\": {\"a\": 99999999999999999}}",
        "{\"completed\": [], \"started\": {\"a\": \"never\"}}",
        "{\"completed\": [], \"revoked\": {\"c\": null}}",
        "{\"completed\": [], \"resetAt\": \"not a time\"}",
        "{\"completed\": [], \"deep\": " + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    })
    void aFileOffThePlainShapeIsLeftToTheFullReader(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertNull(DayScanner.scan(KEY, bytes, bytes.length), json);
    }

    /** The parser limits names to 50,000 characters (a longer one is corrupt): long strings are left to it. */
    @Test
    void aLongStringIsLeftToTheFullReader() {
        for (String json : List.of("{\"completed\": [\"id-" + "x".repeat(5000) + "\"]}",
                "{\"completed\": [], \"durations\": {\"" + "z".repeat(60_000) + "\": 7}}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

            assertNull(DayScanner.scan(KEY, bytes, bytes.length));
        }
    }

    /** Odd but plain: read here, as the codec reads them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"completed\":[]}",
        "  {\"completed\": [\"a\"]}  \n\n",
        "{\"completed\": [\"a\", \"a\"], \"remaining\": [\"a\", \"b\", \"b\"]}",
        "{\"completed\": [\"a\"], \"remaining\": null, \"results\": null, \"failures\": null, \"durations\": null,"
                + " \"runs\": null, \"startMillis\": null, \"revoked\": null, \"started\": null, \"resetAt\": null,"
                + " \"lastUpdate\": null}",
        "{\"date\": null, \"account\": \"someone else\", \"type\": null, \"completed\": []}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": -4, \"maxAttempts\": -0}}}",
        "{\"completed\": [], \"failures\": {\"x\": {}}}",
        "{\"completed\": [\"a\"], \"lastUpdate\": \"2025-09-20T10:30:00Z\"}",
        "{\"completed\": [\"a\"], \"runs\": {\"a\": {\"lastStart\": \"2025-09-20T00:00:00.000Z\", \"attempts\": 2}},"
                + " \"startMillis\": {\"a\": 1758326400000, \"b\": 1758326400000}}",
        "{\"completed\": [], \"unknown\": 1, \"unknown\": [true, false, null, \"x\", -12, {}]}",
        "{\"completed\": []\t,\r\n\"remaining\" : [ \"x\" ] }",
        "{\"completed\": [], \"durations\": {\"a\": -5, \"b\": 0, \"c\": 999999999999999999}}",
    })
    void oddButPlainFilesReadAsTheCodecReadsThem(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        DayState day = DayScanner.scan(KEY, bytes, bytes.length);

        assertNotNull(day, json);
        assertEquals(codec(bytes), view(day), json);
    }

    /** What the strict codec reads of {@code bytes}, as {@link #view} says it. */
    private String codec(byte[] bytes) throws IOException {
        Path file = folder.resolve("daily-set-2025-09-20.json");
        Files.write(file, bytes);
        StateFiles.Read read = strict.read(file, KEY);
        return read instanceof StateFiles.Parsed parsed ? view(parsed.day()) : "unreadable";
    }

    /** Everything a read says but the results, which the counting readers skip. */
    private static String view(DayState day) {
        List<String> parts = new ArrayList<>();
        parts.add("key=" + day.key());
        parts.add("completed=" + day.completed());
        parts.add("remaining=" + day.remaining());
        parts.add("lastUpdate=" + day.lastUpdate());
        parts.add("failures=" + day.failures());
        parts.add("durations=" + day.durations());
        parts.add("notes=" + day.notes());
        return String.join("\n", parts);
    }
}
