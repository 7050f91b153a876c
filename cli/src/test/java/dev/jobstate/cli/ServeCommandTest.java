package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as the command line starts it, in process: what it refuses before it listens (another
 * address without a token, a folder that is not there, a port in use), and what it says of a farm
 * it cannot read, in the page and on the console, with the database's password nowhere.
 */
class ServeCommandTest {

    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
    private static final String PASSWORD = "Pg-pass-word-42";

    @TempDir
    Path folder;

    @Test
    void anotherAddressThanLoopbackIsRefusedWithoutAToken() {
        TestFarm farm = new TestFarm(folder);
        Cli.Run refused = farm.run("serve", "--bind", "0.0.0.0", "--port", "0");
        assertEquals(CliError.USAGE, refused.exitCode(), refused.describe());
        assertTrue(refused.err().startsWith("jobstate: refusing to serve on 0.0.0.0 without a token"), refused.describe());
        assertEquals("", refused.out(), "nothing was served");
    }

    @Test
    void aStateFolderThatIsNotThereIsSaidBeforeAnythingIsServed() {
        Cli.Run missing = Cli.run("serve", "--dir", folder.resolve("typo").toString(), "--port", "0");
        assertEquals(CliError.USAGE, missing.exitCode(), missing.describe());
        assertTrue(missing.err().startsWith("jobstate: no state folder at "), missing.describe());
    }

    @Test
    void aPortInUseIsSaidInALine() throws IOException {
        TestFarm farm = new TestFarm(folder);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Run busy = farm.run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(CliError.PROBLEMS, busy.exitCode(), busy.describe());
            assertTrue(busy.err().startsWith("jobstate: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    busy.describe());
            assertFalse(busy.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void servesTheFarmItFindsAsTheOtherCommandsDo() throws Exception {
        ZoneId zone = TestFarm.noonZone();
        TestFarm farm = new TestFarm(folder).inZone(zone);
        LocalDate today = LocalDate.now(zone);
        farm.day("alice@example.com", "daily-set", today).completed("a").remaining("b").write();
        try (Serving serving = new Serving(farm, "--port", "0")) {
            String page = serving.get("/api/farm");
            assertTrue(page.contains("\"account\":\"alice@example.com\""), page);
            assertTrue(page.contains("\"date\":\"" + today + "\""), page);
            assertTrue(serving.out().contains("read only: start with --token"), serving.out());
        }
    }

    @Test
    void aDatabaseThatIsDownIsSaidOnThePageAndTheConsoleWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        TestFarm farm = new TestFarm(folder).withConfig(", \"store\": \"postgres\", \"postgres\": {\"url\":"
                + " \"jdbc:postgresql://127.0.0.1:" + closed + "/test?connectTimeout=2&password=" + PASSWORD
                + "\", \"user\": \"postgres\", \"password\": \"" + PASSWORD + "\", \"schema\": \"jobstate\"}");
        try (Serving serving = new Serving(farm, "--port", "0", "--token", "operator-token")) {
            List<String> bodies = new ArrayList<>();
            String farmPage = null;
            for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; ) {
                farmPage = serving.get("/api/farm");
                if (farmPage.contains("\"problem\":\"cannot reach PostgreSQL")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertNotNull(farmPage);
            assertTrue(farmPage.contains("\"problem\":\"cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed),
                    farmPage);
            bodies.add(farmPage);
            bodies.add(serving.get("/api/info"));
            bodies.add(serving.get("/api/account?name=alice%40example.com"));
            bodies.add(serving.get("/history?days=1"));
            bodies.add(serving.get("/"));
            assertTrue(serving.get("/api/info").contains("PostgreSQL schema jobstate at"), "the page says where");
            for (String body : bodies) {
                assertFalse(body.contains(PASSWORD), body);
            }
            assertFalse(serving.out().contains(PASSWORD), serving.out());
            assertFalse(serving.err().contains(PASSWORD), serving.err());
            assertTrue(serving.err().contains("cannot reach PostgreSQL"), "details on the console: " + serving.err());
        }
    }

    /** {@code serve} running in process on a thread of its own, until closed. */
    private static final class Serving implements AutoCloseable {

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final Thread thread;
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;

        Serving(TestFarm farm, String... args) throws InterruptedException {
            List<String> line = new ArrayList<>(List.of("serve"));
            line.addAll(List.of(args));
            line.addAll(List.of("--config", farm.config.toString()));
            thread = new Thread(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    line.toArray(String[]::new)), "serve-under-test");
            thread.start();
            int found = -1;
            for (long deadline = System.nanoTime() + 30_000_000_000L; found < 0 && System.nanoTime() < deadline; ) {
                Matcher serving = SERVING.matcher(out.toString());
                if (serving.find()) {
                    found = Integer.parseInt(serving.group(1));
                } else if (!thread.isAlive()) {
                    throw new AssertionError("serve ended: " + out + err);
                } else {
                    Thread.sleep(20);
                }
            }
            if (found < 0) {
                throw new AssertionError("serve did not say where it serves: " + out + err);
            }
            port = found;
        }

        String get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
