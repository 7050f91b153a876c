package dev.jobstate.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.Mutation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A file written by reusing the last one's bytes ({@link SplicedEncoder}) is the file the whole
 * write makes, byte for byte, over many random runs of checkpoints, an operator's word and re-reads.
 */
class SplicedEncoderTest {

    private final StateCodec codec = new StateCodec();

    @Test
    void writesTheSameBytesAsTheWholeWriteOverRandomChanges() {
        Random random = new Random(1717);
        int spliced = 0;
        int whole = 0;
        for (int run = 0; run < 150; run++) {
            DayState day = random.nextInt(3) == 0 ? StateCodecBytesTest.randomDay(random)
                    : DayState.empty(new DayKey(StateCodecBytesTest.text(random) + "@x", "t",
                            LocalDate.parse("2026-03-01")));
            EncodedDay last = codec.encode(day, null);
            List<String> ids = new ArrayList<>(day.completed());
            ids.addAll(day.remaining());
            Instant now = Instant.parse("2026-03-01T08:00:00Z");
            for (int step = 0; step < 60; step++) {
                now = now.plusMillis(random.nextInt(5) == 0 ? -random.nextInt(2000) : random.nextInt(3000));
                day = change(random, ids, now).applyTo(day);
                if (random.nextInt(15) == 0) { // a fresh read: equal values, other objects
                    byte[] file = codec.encode(day, null).bytes();
                    DayKey key = day.key();
                    day = assertDoesNotThrow(() -> codec.decode(key, file));
                }
                if (random.nextInt(40) == 0) {
                    day = DayState.reset(day.key(), now);
                }
                byte[] expected = codec.encode(day, null).bytes();
                EncodedDay reused = SplicedEncoder.encode(day, last, codec);
                if (reused != null) {
                    spliced++;
                    assertArrayEquals(expected, reused.bytes(), () -> "expected:\n"
                            + new String(expected, StandardCharsets.UTF_8) + "\nspliced:\n"
                            + new String(reused.bytes(), StandardCharsets.UTF_8));
                } else {
                    whole++;
                }
                EncodedDay next = codec.encode(day, last);
                assertArrayEquals(expected, next.bytes());
                last = random.nextInt(10) == 0 ? codec.encode(day, null) : next;
            }
        }
        assertTrue(spliced > 3000 && whole > 350, spliced + " spliced, " + whole + " written whole");
    }

    /** Mostly a new id completed, as a bot's day goes; now and then anything else a day sees. */
    private static Mutation change(Random random, List<String> ids, Instant now) {
        String id;
        if (ids.isEmpty() || random.nextInt(3) > 0) {
            id = StateCodecBytesTest.text(random) + "-" + ids.size();
            ids.add(id);
        } else {
            id = ids.get(random.nextInt(ids.size()));
        }
        long duration = random.nextInt(4) == 0 ? -1 : random.nextInt(5000);
        int kind = random.nextInt(20);
        if (kind < 12) {
            return new Mutation.Completed(id, now, duration,
                    random.nextInt(4) == 0 ? null : StateCodecBytesTest.value(random, random.nextInt(5) == 0 ? 2 : 0));
        }
        if (kind < 16) {
            return new Mutation.Failed(id, now, "java.io.IOException", random.nextBoolean() ? null
                    : StateCodecBytesTest.text(random), duration, random.nextInt(3));
        }
        if (kind < 18) {
            return new Mutation.Started(id, now);
        }
        return kind == 18 ? new Mutation.Marked(id, now) : new Mutation.Unmarked(id, now);
    }
}
