package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.file.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting commands' streaming reader reads every file as the agent's strict codec does (all
 * but the results, which it skips), and says of a bad file what the codec says.
 */
class DayFileReaderTest {

    private static final DayKey KEY = new DayKey("ünï@例え.jp", "daily-set", LocalDate.parse("2025-09-20"));

    @TempDir
    Path folder;

    private final StateFiles strict = new StateFiles();
    private final DayFileReader reader = new DayFileReader(strict);

    private static final String AGENTS = """
            {
              "date": "2025-09-20",
              "account": "ünï@例え.jp",
              "type": "daily-set",
              "completed": ["check-in", "quiz-1", "poll-1"],
              "remaining": ["quiz-2", "pay-42"],
              "lastUpdate": "2025-09-20T10:30:00.000Z",
              "results": {"quiz-1": 10, "poll-1": {"offerId": "poll-1", "points": [5, {"deep": [[[]]]}]},
                          "x": {"@jobstate.typed": ["com.example.Dog", {"name": "Rex"}]}},
              "failures": {
                "quiz-2": {"exception": "java.io.IOException", "message": "timeout",
                           "lastFailure": "2025-09-20T10:29:58.120Z", "attempts": 2, "maxAttempts": 3},
                "gone": {"exception": "java.lang.IllegalStateException", "message": null,
                         "lastFailure": "2025-09-20T09:00:00.001Z", "attempts": 1}
              },
              "durations": {"check-in": 412, "quiz-1": 1290, "poll-1": 9999999999},
              "runs": {"quiz-2": {"lastStart": "2025-09-20T10:29:57.020Z", "attempts": 2}},
              "revoked": {"quiz-3": "2025-09-20T10:00:00.000Z"},
              "resetAt": "2025-09-20T06:00:00.000Z",
              "started": {"pay-42": "2025-09-20T10:30:00.000Z"}
            }
            """;

    @Test
    void readsTheAgentsOwnShapeItselfAndAsTheCodecDoes() throws IOException {
        Path file = write(AGENTS);

        assertNotNull(DayFileReader.readCanonical(file, KEY), "the agent's shape is read without the codec");
        assertSameAsCodec(file);
        DayState day = ((StateFiles.Parsed) reader.read(file, KEY)).day();
        assertEquals(Map.of(), day.results(), "results are skipped");
        assertEquals(Map.of("pay-42", Instant.parse("2025-09-20T10:30:00Z")), day.notes().started());
    }

    @Test
    void readsWhatTheAgentsWriterWritesAsTheCodecDoes() throws IOException {
        Path file = folder.resolve("written.json");
        Instant at = Instant.parse("2025-09-20T10:29:58.120Z");
        DayState day = DayState.of(KEY, List.of("a", "b"), List.of("c"), at,
                Map.of("a", JsonNodeFactory.instance.textNode("r")),
                Map.of("c", new LastFailure("java.io.IOException", "ü \"quoted\" \n line", at, 4, 4)),
                Map.of("a", 5L), new DayNotes(Map.of("c", new DayNotes.RunInfo(at, 4)), Map.of(), null,
                        Map.of("b", at)));
        strict.write(file, day);

        assertNotNull(DayFileReader.readCanonical(file, KEY));
        assertSameAsCodec(file);
    }

    @Test
    void aCompletedIdsOneAttemptWrittenAsStartMillisReadsAsTheCodecReadsIt() throws IOException {
        Path file = folder.resolve("first-tries.json");
        Instant at = Instant.parse("2025-09-20T10:29:58.120Z");
        DayState day = DayState.of(KEY, List.of("a", "b"), List.of("c"), at, Map.of(), Map.of(), Map.of("a", 5L),
                new DayNotes(Map.of("a", new DayNotes.RunInfo(at, 1), "b", new DayNotes.RunInfo(at, 2),
                        "c", new DayNotes.RunInfo(at, 1)), Map.of(), null, Map.of()));
        strict.write(file, day);
        assertTrue(Files.readString(file).contains("startMillis"), "the writer says a's run in startMillis");

        assertNotNull(DayFileReader.readCanonical(file, KEY), "read without the codec");
        assertSameAsCodec(file);
        DayState read = ((StateFiles.Parsed) reader.read(file, KEY)).day();
        assertEquals(new DayNotes.RunInfo(at, 1), read.notes().runs().get("a"));
    }

    @Test
    void unknownFieldsAreSkippedAsTheCodecSkipsThem() throws IOException {
        Path file = write("""
                {"future": {"a": [1, 2, {"b": null}]}, "completed": ["a"], "also": [[]], "n": 1.5e300,
                 "failures": {"a2": {"exception": "E", "extra": {"x": [1]}, "attempts": 1,
                                     "lastFailure": "2025-09-20T00:00:00.000Z"}},
                 "runs": {"a": {"lastStart": "2025-09-20T00:00:00.000Z", "attempts": 1, "more": true}},
                 "remaining": ["a2"]}
                """);

        assertNotNull(DayFileReader.readCanonical(file, KEY));
        assertSameAsCodec(file);
    }

    @Test
    void hugeAndUnicodeIdsReadAsTheCodecReadsThem() throws IOException {
        String huge = "id-" + "x".repeat(200_000);
        String longName = "id-" + "y".repeat(40_000); // Jackson takes names up to 50,000 characters
        Path file = write("{\"completed\": [\"" + huge + "\", \"" + longName + "\", \"ü-😀-\\u00e9\"],"
                + " \"remaining\": [\"日本\"], \"durations\": {\"" + longName + "\": 7},"
                + " \"started\": {\"日本\": \"2025-09-20T10:30:00.000Z\"}}");

        assertNotNull(DayFileReader.readCanonical(file, KEY));
        assertSameAsCodec(file);
    }

    @Test
    void anIdPastTheParsersLimitIsCorruptHereToo() throws IOException {
        Path file = write("{\"completed\": [], \"durations\": {\"" + "z".repeat(60_000) + "\": 7}}");

        assertInstanceOf(StateFiles.Unreadable.class, strict.read(file, KEY));
        assertSameAsCodec(file);
    }

    /** Files the agent never writes but reads: the streaming reader hands them to the codec. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"completed\": [\"a\"], \"lastUpdate\": \"2025-09-20T10:30:00Z\"}",
        "{\"completed\": [\"a\"], \"lastUpdate\": \"2025-09-20T10:30:00.123456789Z\"}",
        "{\"completed\": [\"a\"], \"lastUpdate\": \"yesterday\"}",
        "{\"completed\": [\"a\"], \"lastUpdate\": 5}",
        "{\"completed\": [\"a\"], \"lastUpdate\": \"2025-02-30T10:30:00.000Z\"}",
        "{\"completed\": [\"a\"], \"lastUpdate\": \"2025-06-30T23:59:60.000Z\"}",
        "{\"completed\": [\"a\"], \"completed\": [\"b\"]}",
        "{\"completed\": [\"a\"], \"remaining\": null, \"results\": null, \"failures\": null}",
        "{\"completed\": [\"a\", \"a\"], \"remaining\": [\"a\", \"b\", \"b\"]}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": \"3\"}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": 2.7}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": 99999999999}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"attempts\": -4}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": 12, \"message\": 3}}}",
        "{\"completed\": [], \"failures\": {\"x\": {}, \"x\": {\"exception\": \"F\"}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"exception\": \"E\", \"exception\": \"F\"}}}",
        "{\"completed\": [], \"failures\": {\"x\": {\"lastFailure\": null}}}",
        "{\"completed\": [], \"durations\": {\"a\": 1.5, \"b\": \"7\", \"c\": 123456789012345678901234567890}}",
        "{\"completed\": [], \"runs\": {\"a\": {\"attempts\": 3}, \"b\": \"x\", \"c\": {\"lastStart\": 1}}}",
        "{\"completed\": [\"a\"], \"startMillis\": {\"a\": 1.5, \"b\": \"x\", \"c\": 99999999999999999}}",
        "{\"completed\": [\"a\"], \"runs\": {\"a\": {\"lastStart\": \"2025-09-20T00:00:00.000Z\", \"attempts\": 2}},"
                + " \"startMillis\": {\"a\": 1758326400000, \"b\": 1758326400000}}",
        "{\"completed\": [\"a\"], \"startMillis\": {\"a\": 1758326400000}, \"startMillis\": {}}",
        "{\"completed\": [], \"started\": {\"a\": \"never\", \"b\": 4}, \"revoked\": {\"c\": null}}",
        "{\"completed\": [], \"resetAt\": \"not a time\"}",
        "{\"date\": null, \"account\": \"someone else\", \"type\": null, \"completed\": []}",
        "\uFEFF{\"completed\": [\"a\"]}",
        "  {\"completed\": [\"a\"]}  \n\n",
    })
    void oddButReadableFilesReadAsTheCodecReadsThem(String json) throws IOException {
        assertSameAsCodec(write(json));
    }

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
        "{\"completed\": [], \"runs\": []}",
        "{\"completed\": [], \"started\": \"x\"}",
        "{\"completed\": [], \"revoked\": 1}",
        "{\"completed\": [], \"results\": {\"a\": [}}",
        "{\"completed\": [], \"a\": \"\\u00\"}",
        "{\"completed\": [], \"completed\": 4}",
    })
    void corruptFilesAreReportedInTheCodecsWords(String json) throws IOException {
        Path file = write(json);

        assertInstanceOf(StateFiles.Unreadable.class, strict.read(file, KEY));
        assertSameAsCodec(file);
    }

    @Test
    void nestingBeyondTheCodecsLimitIsCorruptHereToo() throws IOException {
        Path file = write("{\"completed\": [], \"results\": {\"a\": " + "[".repeat(250) + "]".repeat(250) + "}}");

        assertInstanceOf(StateFiles.Unreadable.class, strict.read(file, KEY));
        assertNull(DayFileReader.readCanonical(file, KEY));
        assertSameAsCodec(file);
    }

    @Test
    void notUtf8IsSaidAsTheCodecSaysIt() throws IOException {
        Path file = folder.resolve("latin1.json");
        Files.write(file, "{\"completed\": [\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1));

        assertSameAsCodec(file);
    }

    @Test
    void aFileThatIsGoneFailsAsTheCodecFails() {
        Path file = folder.resolve("gone.json");

        String codec = failure(() -> strict.read(file, KEY));
        String streaming = failure(() -> reader.read(file, KEY));

        assertEquals(codec, streaming);
    }

    private void assertSameAsCodec(Path file) throws IOException {
        assertEquals(view(strict.read(file, KEY)), view(reader.read(file, KEY)), file + ": " + Files.readString(file,
                StandardCharsets.ISO_8859_1));
    }

    /** Everything a read says but the results, which the streaming reader skips. */
    private static String view(StateFiles.Read read) {
        if (read instanceof StateFiles.Unreadable bad) {
            return "unreadable: " + bad.reason();
        }
        DayState day = ((StateFiles.Parsed) read).day();
        return "key=" + day.key() + "\ncompleted=" + day.completed() + "\nremaining=" + day.remaining()
                + "\nlastUpdate=" + day.lastUpdate() + "\nfailures=" + day.failures() + "\ndurations="
                + day.durations() + "\nnotes=" + day.notes();
    }

    private Path write(String json) throws IOException {
        Path file = folder.resolve("daily-set-2025-09-20.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private interface Reading {
        StateFiles.Read read() throws IOException;
    }

    private static String failure(Reading reading) {
        try {
            return "read: " + view(reading.read());
        } catch (IOException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
