package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link StatusCache} keeps of a day file: the day less results and durations, byte for byte
 * as a data stream wrote it (so a cache an earlier jar wrote reads the same), and read back whole.
 */
class DaySummaryTest {

    private static final DayKey KEY = new DayKey("a@example.com", "daily-set", LocalDate.parse("2025-09-20"));
    private static final Instant AT = Instant.parse("2025-09-20T10:29:58.120Z");

    @Test
    void aFullDayIsWrittenAsADataStreamWroteItAndReadsBack() throws IOException {
        DayState day = DayState.of(KEY, List.of("check-in", "ü-例"), List.of("quiz-2", "pay-42"), AT, Map.of(),
                Map.of("quiz-2", new LastFailure("java.io.IOException", "ü \"quoted\" \n line", AT, 2, 3),
                        "pay-42", new LastFailure("E", null, Instant.EPOCH, 0, 0)),
                Map.of("check-in", 412L), new DayNotes(Map.of("quiz-2", new DayNotes.RunInfo(AT, 2)),
                        Map.of("quiz-3", AT), AT.minusSeconds(3600), Map.of("pay-42", AT.plusNanos(1))));

        assertWrittenAsStreamAndReadBack(day);
    }

    @Test
    void anEmptyDayIsWrittenAsADataStreamWroteItAndReadsBack() throws IOException {
        assertWrittenAsStreamAndReadBack(DayState.of(KEY, List.of(), List.of(), null, Map.of(), Map.of(), Map.of()));
    }

    @Test
    void aLargeDayGrowsTheWriter() throws IOException {
        List<String> ids = IntStream.range(0, 500).mapToObj(i -> "activity-" + i).toList();
        assertWrittenAsStreamAndReadBack(DayState.of(KEY, ids, List.of("x"), AT, Map.of(), Map.of(), Map.of()));
    }

    private static void assertWrittenAsStreamAndReadBack(DayState day) throws IOException {
        VarInts.Writer out = new VarInts.Writer(16);
        DaySummary.write(out, day);
        byte[] written = new byte[out.size()];
        out.copyTo(written, 0);

        assertArrayEquals(asDataStreamWroteIt(day), written);
        DayState read = DaySummary.read(ByteBuffer.wrap(written), KEY);
        assertEquals(view(day), view(read));
    }

    private static String view(DayState day) {
        return day.completed() + " " + day.remaining() + " " + day.lastUpdate() + " " + day.failures() + " "
                + day.notes();
    }

    /** The summary as the cache's first version wrote it, through a {@link DataOutputStream}. */
    private static byte[] asDataStreamWroteIt(DayState day) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        strings(out, day.completed());
        strings(out, day.remaining());
        instant(out, day.lastUpdate());
        out.writeInt(day.failures().size());
        for (Map.Entry<String, LastFailure> each : day.failures().entrySet()) {
            string(out, each.getKey());
            string(out, each.getValue().exception());
            string(out, each.getValue().message());
            instant(out, each.getValue().at());
            out.writeInt(each.getValue().attempts());
            out.writeInt(each.getValue().maxAttempts());
        }
        out.writeInt(day.notes().runs().size());
        for (Map.Entry<String, DayNotes.RunInfo> each : day.notes().runs().entrySet()) {
            string(out, each.getKey());
            instant(out, each.getValue().lastStart());
            out.writeInt(each.getValue().attempts());
        }
        instants(out, day.notes().revoked());
        instant(out, day.notes().resetAt());
        instants(out, day.notes().started());
        return bytes.toByteArray();
    }

    private static void strings(DataOutputStream out, Collection<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            string(out, text);
        }
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void instant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at == null ? 0 : at.getEpochSecond());
        out.writeInt(at == null ? -1 : at.getNano());
    }

    private static void instants(DataOutputStream out, Map<String, Instant> times) throws IOException {
        out.writeInt(times.size());
        for (Map.Entry<String, Instant> each : times.entrySet()) {
            string(out, each.getKey());
            instant(out, each.getValue());
        }
    }
}
