package dev.jobstate.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Marks;
import dev.jobstate.cli.farm.StateDir;
import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.StateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's handlers over a real server on a free port, spoken to as a browser or an attacker
 * would: pages and data, escaping, the token, POST only, cross-site requests, secrets, and what a
 * page says when the farm cannot be read. Dates come from a fixed clock.
 */
class DashboardTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-09-20");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-20T10:30:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "s3cret-token";
    private static final String PASSWORD = "pw-Hunter2-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NO_STACK_TRACE = Pattern.compile("\\tat |at dev\\.jobstate\\.|at java\\.");

    @TempDir
    Path root;

    private final StateFiles files = new StateFiles();
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter err = new StringWriter();
    private final List<String> bodies = new ArrayList<>();
    private Dashboard dashboard;

    @AfterEach
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void pagesComeFromTheJarWithAPolicyThatAllowsNothingInlineOrFromElsewhere() throws Exception {
        day("alice@example.com", "daily-set", List.of("a"), List.of());
        start(TOKEN);
        for (String path : List.of("/", "/account?name=alice%40example.com", "/history?days=1", "/static/farm.js",
                "/static/dashboard.css", "/api/farm", "/nowhere")) {
            HttpResponse<String> page = get(path);
            assertEquals(Call.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElse(null),
                    path);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        }
        assertFalse(Call.CONTENT_SECURITY_POLICY.contains("unsafe"), "no inline script or style");
        for (String page : List.of("farm.html", "account.html", "history.html", "error.html")) {
            String html = Pages.text(page);
            assertFalse(html.matches("(?s).*<script(?![^>]*\\ssrc=\"/static/)[^>]*>.*"), page + " has an inline script");
            assertFalse(html.matches("(?s).*(https?:)?//[a-z].*"), page + " loads something from a network");
        }
        for (String script : List.of("common.js", "farm.js", "account.js", "history.js")) {
            assertFalse(Pages.text(script).contains("innerHTML"), script + " puts data in the page as text only");
        }
        assertEquals(404, get("/static/../farm.html").statusCode());
        assertEquals(404, get("/static/Dashboard.class").statusCode());
    }

    @Test
    void anAccountNamedLikeMarkupIsTextEverywhere() throws Exception {
        String account = "<script>alert(1)</script>";
        day(account, "<b>t</b>", List.of("a"), List.of("b"));
        start(null);

        JsonNode farm = farm("");
        assertEquals(account, farm.get("rows").get(0).get("account").textValue(), "JSON carries it as it is");
        assertTrue(get("/api/farm").headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

        String history = historyPage(1);
        assertTrue(history.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), history);
        assertFalse(history.contains(account), "never as markup");

        HttpResponse<String> missing = get("/%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("&lt;script&gt;"), missing.body());
        assertFalse(missing.body().contains(account));

        JsonNode detail = json(get("/api/account?name=" + encode(account)));
        assertEquals("<b>t</b>", detail.get("dayList").get(0).get("type").textValue());
    }

    @Test
    void aChangeNeedsPostTheTokenInAHeaderAndThisDashboardAsItsOrigin() throws Exception {
        day("alice@example.com", "daily-set", List.of("a", "b"), List.of());
        start(TOKEN);
        String unmark = "{\"account\": \"alice@example.com\", \"type\": \"daily-set\", \"id\": \"a\"}";

        assertEquals(403, post("/api/unmark", unmark).statusCode(), "no token");
        assertEquals(403, post("/api/unmark", unmark, "X-Jobstate-Token", "guess").statusCode(), "a wrong token");
        assertEquals(400, post("/api/unmark?token=" + TOKEN, unmark).statusCode(), "a token in a URL");
        HttpResponse<String> viaGet = get("/api/unmark?account=alice%40example.com&type=daily-set&id=a");
        assertEquals(405, viaGet.statusCode());
        assertEquals("POST", viaGet.headers().firstValue("Allow").orElse(null));
        assertEquals(403, post("/api/unmark", unmark, "X-Jobstate-Token", TOKEN, "Origin", "http://evil.example")
                .statusCode(), "another site's page");
        assertEquals(403, post("/api/unmark", unmark, "X-Jobstate-Token", TOKEN, "Sec-Fetch-Site", "cross-site")
                .statusCode(), "the browser says it is another site's");
        assertEquals(List.of("a", "b"), read("alice@example.com", "daily-set").completed(), "nothing changed yet");

        HttpResponse<String> done = post("/api/unmark", unmark, "X-Jobstate-Token", TOKEN, "Origin", origin(),
                "Sec-Fetch-Site", "same-origin");
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("unmarked a for alice@example.com daily-set on 2025-09-20: it runs again",
                json(done).get("message").textValue(), "what the unmark command prints");
        assertEquals(List.of("b"), read("alice@example.com", "daily-set").completed());

        HttpResponse<String> again = post("/api/unmark", unmark, "X-Jobstate-Token", TOKEN);
        assertEquals(409, again.statusCode());
        assertTrue(json(again).get("error").textValue().contains("nothing changed"));
        assertEquals(200, post("/api/mark", unmark, "X-Jobstate-Token", TOKEN).statusCode());
        assertEquals(List.of("b", "a"), read("alice@example.com", "daily-set").completed());
        HttpResponse<String> reset = post("/api/reset", "{\"account\": \"alice@example.com\"}", "X-Jobstate-Token", TOKEN);
        assertEquals(200, reset.statusCode(), reset.body());
        assertTrue(json(reset).get("message").textValue().startsWith("reset 1 file; kept in "), reset.body());
        assertEquals(List.of(), read("alice@example.com", "daily-set").completed());
        HttpResponse<String> release = post("/api/release", "{\"account\": \"alice@example.com\"}",
                "X-Jobstate-Token", TOKEN);
        assertEquals("released alice@example.com on 2025-09-20: its 0 failures no longer count (no quarantine is"
                + " configured: jobState.quarantine.failuresPerDay)", json(release).get("message").textValue());
    }

    @Test
    void withoutATokenTheDashboardOnlyReads() throws Exception {
        day("alice@example.com", "daily-set", List.of("a"), List.of());
        start(null);
        assertFalse(json(get("/api/info")).get("actions").booleanValue());
        HttpResponse<String> refused = post("/api/unmark",
                "{\"account\": \"alice@example.com\", \"type\": \"daily-set\", \"id\": \"a\"}", "X-Jobstate-Token", "x");
        assertEquals(403, refused.statusCode());
        assertTrue(json(refused).get("error").textValue().contains("changes are off"), refused.body());
        assertEquals(List.of("a"), read("alice@example.com", "daily-set").completed());
    }

    @Test
    void onLoopbackOnlyLoopbackNamesAreAnswered() throws Exception {
        day("alice@example.com", "daily-set", List.of("a"), List.of());
        start(null);
        assertTrue(raw("evil.example:" + dashboard.port()).startsWith("HTTP/1.1 421"), "a rebound DNS name");
        assertTrue(raw("localhost:" + dashboard.port()).startsWith("HTTP/1.1 200"));
        assertTrue(raw("127.0.0.1:" + dashboard.port()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void aCorruptFileIsARowThatSaysWhyNeverAStackTrace() throws Exception {
        day("alice@example.com", "daily-set", List.of("a"), List.of());
        Path corrupt = root.resolve("bob@example.com/daily-set-" + TODAY + ".json");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "{\"completed\": [1, 2");
        start(null);

        JsonNode farm = farm("");
        JsonNode bob = farm.get("rows").get(0);
        assertEquals("bob@example.com", bob.get("account").textValue(), "an unreadable row comes first");
        assertTrue(bob.get("problem").textValue().startsWith("not valid JSON"), bob.toString());
        JsonNode detail = json(get("/api/account?name=bob%40example.com"));
        assertTrue(detail.get("dayList").get(0).get("problem").textValue().startsWith("not valid JSON"));
        bodies.forEach(body -> assertFalse(NO_STACK_TRACE.matcher(body).find(), body));
    }

    @Test
    void aFarmThatCannotBeReadIsSaidOnThePageWithoutItsPasswordAndTheServerKeepsServing() throws Exception {
        FarmAccess down = new FarmAccess() {
            @Override
            public Farm farm() throws IOException {
                // What a driver may say: the URL, password and all.
                throw new IOException("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/test?password="
                        + PASSWORD + ": Connection refused");
            }

            @Override
            public Marks marks() throws IOException {
                return farm().marks();
            }

            @Override
            public AccountDays days() {
                return new AccountDays(config());
            }

            @Override
            public int quarantineLimit() {
                return 0;
            }
        };
        dashboard = Dashboard.start(new ServeSettings(InetAddress.getLoopbackAddress(), 0, TOKEN,
                "PostgreSQL schema jobstate at jdbc:postgresql://127.0.0.1:1/test?password=***", ZoneOffset.UTC,
                List.of(PASSWORD)), down, CLOCK, new PrintWriter(err, true));
        dashboard.awaitFirstLook(10_000);

        JsonNode farm = farm("");
        assertTrue(farm.get("problem").textValue().startsWith("cannot reach PostgreSQL"), farm.toString());
        assertEquals(500, get("/api/account?name=alice%40example.com").statusCode());
        assertEquals(200, get("/").statusCode(), "still serving");
        get("/api/info");
        historyPage(1);
        post("/api/unmark", "{\"account\": \"a\", \"type\": \"t\", \"id\": \"x\"}", "X-Jobstate-Token", TOKEN);
        post("/api/reset", "{\"account\": \"a\"}", "X-Jobstate-Token", TOKEN);
        for (String body : bodies) {
            assertFalse(body.contains(PASSWORD), body);
            assertFalse(NO_STACK_TRACE.matcher(body).find(), body);
        }
        assertFalse(err.toString().contains(PASSWORD), "nor on the console");
        assertTrue(err.toString().contains("cannot reach PostgreSQL"), err.toString());
        assertEquals(1, err.toString().split("jobstate serve: reading the farm", -1).length - 1,
                "said once, not every second: " + err);
    }

    @Test
    void aPageThatSendsItsLastTagHearsUnchangedUntilAFileChanges() throws Exception {
        day("alice@example.com", "daily-set", List.of("a"), List.of());
        start(null);
        String tag = farm("").get("tag").textValue();
        assertTrue(farm("since=" + tag).get("unchanged").booleanValue());

        day("alice@example.com", "daily-set", List.of("a", "b"), List.of());
        JsonNode changed = null;
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; ) {
            JsonNode answer = farm("since=" + tag);
            if (!answer.path("unchanged").booleanValue()) {
                changed = answer;
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(changed, "the change reached the page");
        assertEquals(2, changed.get("rows").get(0).get("completed").intValue());
    }

    @Test
    void filteringSortingAndPagingHappenOnTheServer() throws Exception {
        for (int i = 0; i < 250; i++) {
            String account = String.format("user%03d@example.com", i);
            if (i % 50 == 7) {
                failed(account, "daily-set");
            } else {
                day(account, "daily-set", i % 2 == 0 ? List.of("a", "b") : List.of("a"), i % 2 == 0 ? List.of() : List.of("b"));
            }
        }
        start(null);

        JsonNode first = farm("size=100");
        assertEquals(250, first.get("matching").intValue());
        assertEquals(100, first.get("rows").size());
        assertEquals(50, farm("size=100&page=2").get("rows").size());
        assertEquals(5, farm("show=failed").get("matching").intValue());
        assertEquals("user007@example.com", farm("show=failed").get("rows").get(0).get("account").textValue(),
                "worst first: nothing done");
        assertEquals(List.of("user100@example.com", "user101@example.com"), accounts(farm("account=USER10&size=2&sort=account")));
        assertEquals(400, get("/api/farm?size=100000").statusCode());
        assertEquals(400, get("/api/farm?sort=sideways").statusCode());
    }

    private void start(String token) throws Exception {
        StateDir dir = new StateDir(root, CLOCK);
        FarmAccess access = new FarmAccess() {
            @Override
            public Farm farm() {
                return dir;
            }

            @Override
            public Marks marks() {
                return dir.marks();
            }

            @Override
            public AccountDays days() {
                return new AccountDays(config());
            }

            @Override
            public int quarantineLimit() {
                return 0;
            }
        };
        dashboard = Dashboard.start(new ServeSettings(InetAddress.getLoopbackAddress(), 0, token, root.toString(),
                ZoneOffset.UTC, List.of()), access, CLOCK, new PrintWriter(err, true));
        assertTrue(dashboard.awaitFirstLook(10_000));
    }

    private JobStateConfig config() {
        return new JobStateConfig(true, root, ZoneOffset.UTC, "default", "test");
    }

    private JsonNode farm(String query) throws Exception {
        HttpResponse<String> answer = get("/api/farm?" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    /** The history page once its report is collected. */
    private String historyPage(int days) throws Exception {
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; ) {
            if (json(get("/api/history?days=" + days)).get("ready").booleanValue()) {
                break;
            }
            Thread.sleep(50);
        }
        return get("/history?days=" + days).body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }

    /** A request with a Host header of our choosing, which HttpClient does not let one set. */
    private String raw(String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dashboard.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/info HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private URI uri(String path) {
        return URI.create(origin() + path);
    }

    private String origin() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static List<String> accounts(JsonNode farm) {
        List<String> accounts = new ArrayList<>();
        farm.get("rows").forEach(row -> accounts.add(row.get("account").textValue()));
        return accounts;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void day(String account, String type, List<String> completed, List<String> remaining) throws IOException {
        files.write(fileOf(account, type), DayState.of(new DayKey(account, type, TODAY), completed, remaining,
                CLOCK.instant().minusSeconds(60), Map.of(), Map.of(), Map.of()));
    }

    private void failed(String account, String type) throws IOException {
        Instant at = CLOCK.instant().minusSeconds(30);
        files.write(fileOf(account, type), DayState.of(new DayKey(account, type, TODAY), List.of(), List.of("a"), at,
                Map.of(), Map.of("a", new LastFailure("java.io.IOException", "timeout", at, 2)), Map.of()));
    }

    private DayState read(String account, String type) throws IOException {
        DayKey key = new DayKey(account, type, TODAY);
        return ((StateFiles.Parsed) files.read(fileOf(account, type), key)).day();
    }

    private Path fileOf(String account, String type) {
        return root.resolve(FolderNames.encode(account)).resolve(FolderNames.encode(type) + "-" + TODAY + ".json");
    }
}
