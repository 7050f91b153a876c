package dev.jobstate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The dashboard's figures on a farm that {@code serve} is serving: how long its index takes to warm,
 * how fast the farm page's data comes and how soon the page stands in headless Chromium, how long a
 * checkpoint takes to reach an open page, and what watching costs the server's CPU. The browser is
 * driven through chromedriver's own HTTP protocol (W3C WebDriver), so this needs nothing but the JDK.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.jobstate.bench.DashboardTargets <url> <serve's pid>
 * files:<state folder>|cli:<config> [rounds]}; {@code bench/dashboard.sh} generates the farm, starts
 * serve and runs it. With {@code files:}, each checkpoint is a day file written as a bot writes it
 * (temp file, rename); with {@code cli:}, it is {@code jobstate mark} against the config's store
 * (PostgreSQL), timed from the command's end.
 */
public final class DashboardTargets {

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+|null|true|false)");
    private static final Pattern SESSION = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String ACCOUNT = "user00042@example.com";
    private static final String TYPE = "bench";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String writer;
    private final long pid;
    private String driver;
    private String session;

    private DashboardTargets(String url, long pid, String writer) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.pid = pid;
        this.writer = writer;
    }

    public static void main(String[] args) throws Exception {
        DashboardTargets targets = new DashboardTargets(args[0], Long.parseLong(args[1]), args[2]);
        targets.run(args.length > 3 ? Integer.parseInt(args[3]) : 20);
    }

    private void run(int rounds) throws Exception {
        forget();
        long started = System.nanoTime();
        while (get("/api/farm?size=1").contains("\"loading\":true")) {
            Thread.sleep(50);
        }
        double warm = millis(started) / 1000.0;
        String first = get("/api/farm?size=1");
        String rows = match(Pattern.compile("\"rows\":(\\d+)"), first);
        String accounts = match(Pattern.compile("\"accounts\":(\\d+)"), first);

        long[] page = time(30, i -> get("/api/farm?size=100"));
        SplittableRandom random = new SplittableRandom(42);
        long[] filtered = time(30, i -> get("/api/farm?size=100&account=user0" + random.nextInt(10_000) + "&sort=account"));
        String tag = match(Pattern.compile("\"tag\":\"([^\"]+)\""), get("/api/farm?size=100"));
        long[] unchanged = time(30, i -> get("/api/farm?size=100&since=" + tag));

        Process chromedriver = startDriver();
        try {
            newSession();
            long[] render = new long[10];
            for (int i = 0; i < render.length; i++) {
                navigate(url + "/");
                String at = null;
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); at == null; ) {
                    at = script("return document.body.dataset.firstRender || null;");
                    if (at == null) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the farm page did not render in 30 s");
                        }
                        Thread.sleep(10);
                    }
                }
                render[i] = Long.parseLong(at);
            }

            navigate(url + "/?account=" + ACCOUNT.substring(0, 9) + "&type=" + TYPE);
            long[] checkpoint = new long[rounds];
            for (int i = 1; i <= rounds; i++) {
                Thread.sleep(500 + random.nextInt(1000)); // a moment of the poll cycle picked at random
                checkpoint(i);
                long written = System.nanoTime();
                String expected = i + "/" + i;
                while (!expected.equals(script("var c = document.querySelector(\"tr[data-type='" + TYPE
                        + "'] td.done\"); return c ? c.textContent : null;"))) {
                    if (millis(written) > 30_000) {
                        throw new IllegalStateException("checkpoint " + i + " did not show in 30 s");
                    }
                    Thread.sleep(10);
                }
                checkpoint[i - 1] = millis(written);
                if (System.getenv("VERBOSE") != null) {
                    System.out.println("checkpoint " + i + ": " + checkpoint[i - 1] + " ms");
                }
            }

            long[] cpu = cpu();
            long[] looks = new long[20];
            for (int i = 0; i < looks.length; i++) {
                Thread.sleep(1000);
                looks[i] = Long.parseLong(match(Pattern.compile("\"lastLookMillis\":(\\d+)"), get("/api/info")));
            }
            long[] after = cpu();
            double cpuShare = (after[0] - cpu[0]) / (double) (after[1] - cpu[1]);

            String memory = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                    .map(line -> line.replaceAll("\\s+", " ")).collect(Collectors.joining(", "));

            System.out.println();
            System.out.println("The dashboard on " + accounts + " accounts (" + rows + " rows today), " + url
                    + " (Java " + Runtime.version() + " here; serve's own JVM is the one that runs it):");
            row("index warm (first read of every folder)", String.format(Locale.ROOT, "%.1f s", warm), "", true);
            row("GET /api/farm, first 100 rows worst first", stats(page), "", true);
            row("GET /api/farm, a filter never asked before", stats(filtered), "", true);
            row("GET /api/farm, unchanged since the last", stats(unchanged), "", true);
            row("farm page: navigation to rows on the page", stats(render), "< 1000 ms", max(render) < 1000);
            row("checkpoint written to shown in an open page", stats(checkpoint), "< 2000 ms", max(checkpoint) < 2000);
            row("a look at the store, nothing changed", stats(looks), "", true);
            row("serve's CPU while a page watches, idle farm", String.format(Locale.ROOT, "%.1f%% of one core",
                    100 * cpuShare), "", true);
            row("serve's memory", memory, "", true);
        } finally {
            if (session != null) {
                send(HttpRequest.newBuilder(URI.create(driver + "/session/" + session)).DELETE());
            }
            chromedriver.destroy();
            forget();
        }
    }

    /** The {@code done}th checkpoint of the bench's own day. */
    private void checkpoint(int done) throws IOException, InterruptedException {
        if (writer.startsWith("files:")) {
            write(dayFile(), done);
        } else {
            jobstate("mark", "--account", ACCOUNT, "--type", TYPE, "--id", "b-" + done);
        }
    }

    /** Takes the bench's own day away, so every run starts from nothing. */
    private void forget() throws IOException, InterruptedException {
        if (writer.startsWith("files:")) {
            Files.deleteIfExists(dayFile());
        } else {
            jobstate("reset", "--account", ACCOUNT, "--type", TYPE, "--purge", "--yes");
        }
    }

    private Path dayFile() {
        return Path.of(writer.substring("files:".length())).resolve(ACCOUNT)
                .resolve(TYPE + "-" + LocalDate.now(ZoneOffset.UTC) + ".json");
    }

    private void jobstate(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "agent/target/jobstate.jar"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", writer.substring("cli:".length())));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /** The day file a bot would write after {@code done} activities: a temp file renamed over the last. */
    private static void write(Path file, int done) throws IOException {
        Files.createDirectories(file.getParent());
        String ids = IntStream.rangeClosed(1, done).mapToObj(i -> "\"b-" + i + "\"").collect(Collectors.joining(", "));
        String text = "{\"date\": \"" + LocalDate.now(ZoneOffset.UTC) + "\", \"account\": \"" + ACCOUNT
                + "\", \"type\": \"" + TYPE + "\", \"completed\": [" + ids + "], \"remaining\": [], \"lastUpdate\": \""
                + Instant.now() + "\"}\n";
        Path temp = file.resolveSibling("." + file.getFileName() + ".bench.tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Process startDriver() throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        driver = "http://127.0.0.1:" + port;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); ; Thread.sleep(50)) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(driver + "/status"))).contains("\"ready\":true")) {
                    return process;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private void newSession() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jobstate-bench-chromium");
        String args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile).stream().map(a -> "\"" + a + "\"")
                .collect(Collectors.joining(","));
        String answer = post(driver + "/session", "{\"capabilities\": {\"alwaysMatch\": {\"browserName\": \"chrome\","
                + " \"goog:chromeOptions\": {\"binary\": \"/usr/bin/chromium\", \"args\": [" + args + "]}}}}");
        session = match(SESSION, answer);
    }

    /** Returns once the page's load event fired, as WebDriver's navigation does. */
    private void navigate(String page) throws IOException, InterruptedException {
        post(driver + "/session/" + session + "/url", "{\"url\": \"" + page + "\"}");
    }

    /** The script's result as text, or null. */
    private String script(String body) throws IOException, InterruptedException {
        String answer = post(driver + "/session/" + session + "/execute/sync",
                "{\"script\": \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"args\": []}");
        Matcher value = VALUE.matcher(answer);
        if (!value.find() || value.group(1).equals("null")) {
            return null;
        }
        return value.group(2) != null ? value.group(2) : value.group(1);
    }

    private String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)));
    }

    private String post(String to, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(to)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Serve's CPU time and the wall time, both in clock ticks. */
    private long[] cpu() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return new long[] {ticks, System.nanoTime() / 10_000_000L}; // USER_HZ is 100 on Linux
    }

    @FunctionalInterface
    private interface Request {
        String send(int i) throws IOException, InterruptedException;
    }

    private static long[] time(int n, Request request) throws IOException, InterruptedException {
        long[] took = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            request.send(i);
            took[i] = millis(start);
        }
        return took;
    }

    private static long millis(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static String stats(long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %d ms, p90 %d ms, max %d ms (%d runs)", sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)], sorted[sorted.length - 1],
                sorted.length);
    }

    private static long max(long[] ms) {
        return Arrays.stream(ms).max().orElse(0);
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return m.group(1);
    }

    private static void row(String what, String measured, String target, boolean met) {
        List<String> cells = new ArrayList<>(List.of(String.format(Locale.ROOT, "  %-46s %-60s", what, measured)));
        if (!target.isEmpty()) {
            cells.add(String.format(Locale.ROOT, "%-12s %s", target, met ? "met" : "MISSED"));
        }
        System.out.println(String.join(" ", cells));
    }
}
