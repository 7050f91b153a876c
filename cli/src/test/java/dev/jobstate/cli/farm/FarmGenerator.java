package dev.jobstate.cli.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes a synthetic state folder: {@code accounts} accounts × 3 types × {@code days} days ending
 * today, deterministic for a seed. Most days complete; some accounts have a bad day, a few
 * activities fail now and then, durations drift. Has no dependencies, so it also runs on its own:
 *
 * <pre>java cli/src/test/java/dev/jobstate/cli/farm/FarmGenerator.java &lt;dir&gt; &lt;accounts&gt; &lt;days&gt;</pre>
 */
public final class FarmGenerator {

    static final String[] TYPES = {"daily-set", "desktop-search", "mobile-search"};
    static final int[] IDS_PER_TYPE = {6, 10, 8};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int accounts = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        long files = generate(dir, accounts, days, LocalDate.now(ZoneOffset.UTC), 42);
        System.out.printf("wrote %,d files in %.1f s%n", files, (System.nanoTime() - start) / 1e9);
    }

    public static long generate(Path dir, int accounts, int days, LocalDate today, long seed) throws IOException {
        long files = 0;
        for (int a = 0; a < accounts; a++) {
            String account = String.format("user%05d@example.com", a);
            Path folder = dir.resolve(account);
            Files.createDirectories(folder);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + a);
            boolean flaky = random.nextInt(10) == 0;
            for (int d = 0; d < days; d++) {
                LocalDate date = today.minusDays(days - 1L - d);
                for (int t = 0; t < TYPES.length; t++) {
                    String text = day(account, TYPES[t], IDS_PER_TYPE[t], date, d == days - 1, flaky, random);
                    Files.writeString(folder.resolve(TYPES[t] + "-" + date + ".json"), text, StandardCharsets.UTF_8);
                    files++;
                }
            }
        }
        return files;
    }

    private static String day(String account, String type, int ids, LocalDate date, boolean today, boolean flaky,
                              SplittableRandom random) {
        Instant base = date.atTime(8, 0).toInstant(ZoneOffset.UTC);
        StringBuilder completed = new StringBuilder();
        StringBuilder remaining = new StringBuilder();
        StringBuilder failures = new StringBuilder();
        StringBuilder durations = new StringBuilder();
        StringBuilder runs = new StringBuilder();
        int upTo = today ? ids - random.nextInt(3) : ids;
        long at = 0;
        for (int i = 0; i < ids; i++) {
            String id = type.equals("daily-set") ? (i == 0 ? "check-in" : "quiz-" + i) : "search-" + i;
            boolean fails = (flaky && random.nextInt(4) == 0) || random.nextInt(60) == 0;
            long took = 300 + random.nextInt(900) + (type.equals("mobile-search") ? 40L * date.getDayOfMonth() : 0);
            at += took + 200;
            Instant when = base.plusMillis(at);
            if (i >= upTo) {
                continue;
            }
            if (fails) {
                append(remaining, "\"" + id + "\"");
                int attempts = 1 + random.nextInt(3);
                append(failures, "\"" + id + "\": { \"exception\": \"java.net.SocketTimeoutException\", \"message\": "
                        + "\"Read timed out\", \"lastFailure\": \"" + when + "\", \"attempts\": " + attempts + " }");
                append(runs, "\"" + id + "\": { \"lastStart\": \"" + when.minusMillis(took) + "\", \"attempts\": "
                        + attempts + " }");
            } else {
                append(completed, "\"" + id + "\"");
                append(durations, "\"" + id + "\": " + took);
                append(runs, "\"" + id + "\": { \"lastStart\": \"" + when.minusMillis(took) + "\", \"attempts\": 1 }");
            }
        }
        return "{\n  \"date\": \"" + date + "\",\n  \"account\": \"" + account + "\",\n  \"type\": \"" + type
                + "\",\n  \"completed\": [" + completed + "],\n  \"remaining\": [" + remaining
                + "],\n  \"lastUpdate\": \"" + base.plusMillis(at) + "\",\n  \"failures\": {" + failures
                + "},\n  \"durations\": {" + durations + "},\n  \"runs\": {" + runs + "}\n}\n";
    }

    private static void append(StringBuilder list, String item) {
        if (!list.isEmpty()) {
            list.append(", ");
        }
        list.append(item);
    }
}
