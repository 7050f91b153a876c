package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.ACCOUNT;
import static dev.jobstate.core.store.file.Days.CLOCK;
import static dev.jobstate.core.store.file.Days.DATE;
import static dev.jobstate.core.store.file.Days.NOON;
import static dev.jobstate.core.store.file.Days.bytes;
import static dev.jobstate.core.store.file.Days.completedIn;
import static dev.jobstate.core.store.file.Days.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.PersistenceHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred damaged variants of a real state file, generated from a fixed seed.
 * Whatever the damage, reading never throws. A variant the store rejects is kept aside byte-for-byte
 * as {@code <name>.corrupt-<stamp>}, named in exactly one warning, and the day starts empty and is
 * written clean by the next checkpoint. A variant that still parses (a bit flip inside a string can do
 * that) is accepted consistently: nothing is moved aside, nothing is said, and checkpoints build on it.
 */
class BadFilesTest {

    private static final long SEED = 20_250_920L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    enum Damage {
        TRUNCATED(true), ZERO_FILLED(true), BIT_FLIPS(false), TRAILING_GARBAGE(true), EMPTY(true),
        WRONG_SCHEMA(true), HUGE(true);

        /** False where the damage may leave a file that is still a valid state file. */
        final boolean alwaysRejected;

        Damage(boolean alwaysRejected) {
            this.alwaysRejected = alwaysRejected;
        }
    }

    record Variant(Damage damage, String what, byte[] bytes, long hugeLength) {
    }

    @Test
    void damagedStateFilesNeverHurtTheHost() throws IOException {
        byte[] original = validStateFile();
        List<Variant> variants = variants(original, new Random(SEED));
        FileStateStore store = new FileStateStore(dir, CLOCK, new PersistenceHealth());
        Map<Damage, int[]> tally = new TreeMap<>();
        int rejected = 0;
        int accepted = 0;

        try (CapturedErr err = CapturedErr.start()) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get(i);
                String label = "variant " + i + " (" + variant.damage() + ": " + variant.what() + ")";
                DayKey key = new DayKey(ACCOUNT, "fuzz-" + i, DATE);
                Path file = store.fileOf(key);
                Files.createDirectories(file.getParent());
                Files.write(file, variant.bytes());
                if (variant.hugeLength() > 0) {
                    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                        sparse.setLength(variant.hugeLength());
                    }
                }
                BasicFileAttributes damaged = Files.readAttributes(file, BasicFileAttributes.class);
                err.reset();

                Completions day;
                try {
                    day = store.read(key);
                } catch (RuntimeException e) {
                    throw new AssertionError(label + ": read threw", e);
                }
                List<Path> aside = Days.entries(file.getParent()).stream()
                        .filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".corrupt-"))
                        .toList();

                if (aside.isEmpty()) {
                    accepted++;
                    tally.computeIfAbsent(variant.damage(), d -> new int[2])[1]++;
                    assertFalse(variant.damage().alwaysRejected, label + " must be rejected, was accepted");
                    assertEquals(List.of(), err.lines(), label + ": an accepted file is not warned about");
                    assertEquals(day.completed(),
                            new FileStateStore(dir, CLOCK, new PersistenceHealth()).read(key).completed(),
                            label + ": another reader accepts it the same way");
                    store.checkpoint(key, done("after"));
                    LinkedHashSet<String> expected = new LinkedHashSet<>(day.completed());
                    expected.add("after");
                    assertEquals(List.copyOf(expected), completedIn(file),
                            label + ": the checkpoint builds on what was accepted");
                } else {
                    rejected++;
                    tally.computeIfAbsent(variant.damage(), d -> new int[2])[0]++;
                    assertEquals(1, aside.size(), label + ": " + aside);
                    assertKeptByteForByte(variant, damaged, aside.get(0), label);
                    List<String> lines = err.lines();
                    assertEquals(1, lines.size(), label + ": exactly one line: " + lines);
                    assertTrue(lines.get(0).startsWith("[jobstate] WARN") && lines.get(0).contains(file.toString()),
                            label + ": the warning names the file: " + lines);
                    assertTrue(day.completed().isEmpty(),
                            label + ": the day starts afresh: " + day);
                    assertFalse(Files.exists(file), label + ": the bad file is no longer where the store writes");

                    store.checkpoint(key, done("after"));
                    assertEquals(List.of("after"), completedIn(file), label + ": the next checkpoint writes a clean file");
                    assertKeptByteForByte(variant, damaged, aside.get(0), label);
                    assertEquals(1, err.lines().size(), label + ": and says nothing more");
                }
            }
        }

        StringBuilder summary = new StringBuilder("bad state files: " + variants.size() + " variants (seed " + SEED
                + "): " + rejected + " rejected, " + accepted + " accepted;");
        tally.forEach((damage, counts) -> summary.append(' ').append(damage).append('=')
                .append(counts[0]).append('/').append(counts[1]));
        System.out.println(summary + " (rejected/accepted)");
        assertTrue(variants.size() >= 300, "a few hundred variants");
        assertTrue(accepted > 0 && rejected > 0, "both outcomes are exercised: " + summary);
    }

    /** A state file as the store writes it, with every kind of field filled in. */
    private static byte[] validStateFile() {
        DayKey key = new DayKey(ACCOUNT, "daily-set", DATE);
        JsonNode result;
        try {
            result = JSON.readTree("{\"points\":10,\"answer\":\"B\",\"streak\":[1,2,3]}");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        DayState state = DayState.of(key,
                List.of("daily-check-in", "quiz-1", "poll-1", "offer-ENUS_readarticle3_30points"),
                List.of("quiz-2", "search-desktop"), NOON,
                Map.of("quiz-1", result, "poll-1", IntNode.valueOf(5)),
                Map.of("quiz-2", new LastFailure("java.net.SocketTimeoutException", "Read timed out",
                        Instant.parse("2025-09-20T10:29:00.123Z"), 2)),
                Map.of("daily-check-in", 1200L, "quiz-1", 8300L));
        return new StateCodec().encode(state);
    }

    private static List<Variant> variants(byte[] original, Random random) {
        List<Variant> out = new ArrayList<>();
        int lastBrace = new String(original, StandardCharsets.ISO_8859_1).lastIndexOf('}');
        for (int n = 0; n < 80; n++) {
            int cut = random.nextInt(lastBrace);
            out.add(new Variant(Damage.TRUNCATED, "cut at " + cut, Arrays.copyOf(original, cut), 0));
        }
        for (int n = 0; n < 50; n++) {
            byte[] bytes = original.clone();
            int start = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(Math.min(64, bytes.length - start));
            Arrays.fill(bytes, start, start + length, (byte) 0);
            out.add(new Variant(Damage.ZERO_FILLED, length + " zeros at " + start, bytes, 0));
        }
        for (int n = 0; n < 150; n++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(4);
            StringBuilder where = new StringBuilder();
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(bytes.length);
                int bit = random.nextInt(8);
                bytes[at] ^= (byte) (1 << bit);
                where.append(at).append('.').append(bit).append(' ');
            }
            out.add(new Variant(Damage.BIT_FLIPS, where.toString().trim(), bytes, 0));
        }
        for (int n = 0; n < 40; n++) {
            byte[] garbage = garbage(random, n % 4);
            byte[] bytes = Arrays.copyOf(original, original.length + garbage.length);
            System.arraycopy(garbage, 0, bytes, original.length, garbage.length);
            out.add(new Variant(Damage.TRAILING_GARBAGE, garbage.length + " bytes, kind " + n % 4, bytes, 0));
        }
        out.add(new Variant(Damage.EMPTY, "0 bytes", new byte[0], 0));
        out.add(new Variant(Damage.EMPTY, "only whitespace", " \n\t\n".getBytes(StandardCharsets.US_ASCII), 0));
        for (String text : wrongSchemas(original)) {
            out.add(new Variant(Damage.WRONG_SCHEMA, text.length() > 60 ? text.substring(0, 60) + "…" : text,
                    text.getBytes(StandardCharsets.UTF_8), 0));
        }
        out.add(new Variant(Damage.HUGE, "one byte over the limit", original, FileStateStore.MAX_FILE_BYTES + 1));
        out.add(new Variant(Damage.HUGE, "3 GiB", original, 3L << 30));
        return out;
    }

    /** Bytes that cannot follow a JSON document: each kind starts with something other than whitespace. */
    private static byte[] garbage(Random random, int kind) {
        return switch (kind) {
            case 0 -> "{\"completed\":[\"extra\"]}".getBytes(StandardCharsets.US_ASCII);
            case 1 -> {
                byte[] text = new byte[1 + random.nextInt(40)];
                for (int i = 0; i < text.length; i++) {
                    text[i] = (byte) ('!' + random.nextInt('~' - '!' + 1));
                }
                yield text;
            }
            case 2 -> {
                byte[] binary = new byte[1 + random.nextInt(200)];
                random.nextBytes(binary);
                binary[0] = (byte) (0x80 | binary[0]);
                yield binary;
            }
            default -> {
                byte[] nuls = new byte[1 + random.nextInt(4096)];
                yield nuls;
            }
        };
    }

    private static List<String> wrongSchemas(byte[] original) {
        String valid = new String(original, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>(List.of(
                "[]",
                "[" + valid + "]",
                "\"daily-set\"",
                "42",
                "null",
                "true",
                "{}",
                "{\"date\":\"2025-09-20\",\"account\":\"user@email.com\",\"type\":\"daily-set\"}",
                "{\"completed\":\"quiz-1\"}",
                "{\"completed\":[1,2,3]}",
                "{\"completed\":[\"quiz-1\",null]}",
                "{\"completed\":[[\"quiz-1\"]]}",
                "{\"completed\":{\"quiz-1\":true}}",
                "{\"completed\":[],\"remaining\":\"quiz-2\"}",
                "{\"completed\":[],\"remaining\":[false]}",
                "{\"completed\":[],\"date\":20250920}",
                "{\"completed\":[],\"account\":[\"user@email.com\"]}",
                "{\"completed\":[],\"results\":[]}",
                "{\"completed\":[],\"failures\":{\"quiz-2\":\"timed out\"}}",
                "{\"completed\":[],\"failures\":[]}",
                "{\"completed\":[],\"durations\":[1,2]}",
                "{\"completed\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}",
                "{\"completed\":[\"quiz-1\"]" // unterminated object
        ));
        texts.add(valid.replace("\"completed\"", "\"Completed\""));
        texts.add(valid.replace("\"quiz-1\",", "1,"));
        texts.add(valid.replace("\"daily-set\"", "[\"daily-set\"]"));
        return texts;
    }

    private static void assertKeptByteForByte(Variant variant, BasicFileAttributes damaged, Path aside, String label)
            throws IOException {
        if (variant.hugeLength() == 0) {
            assertArrayEquals(variant.bytes(), bytes(aside), label + ": the bad file is kept byte-for-byte");
            return;
        }
        // A huge file is not read back whole: the same inode with the same size and time is the same bytes.
        BasicFileAttributes kept = Files.readAttributes(aside, BasicFileAttributes.class);
        assertEquals(damaged.fileKey(), kept.fileKey(), label + ": moved, not copied");
        assertEquals(damaged.size(), kept.size(), label);
        assertEquals(damaged.lastModifiedTime(), kept.lastModifiedTime(), label);
        try (InputStream in = Files.newInputStream(aside)) {
            assertArrayEquals(variant.bytes(), in.readNBytes(variant.bytes().length), label);
        }
        if (kept.size() < variant.bytes().length) {
            fail(label + ": shrank");
        }
    }
}
