package dev.jobstate.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code serve}: a small web server over the farm, on the JDK's own HTTP server (no dependency
 * added to the jar). Pages: the farm today ({@code /}), one account ({@code /account?name=}),
 * history ({@code /history}); their data comes from {@code /api/...} as JSON. Every request passes
 * the {@link Guard}; every failure becomes a short reason for the page and, once, details on stderr.
 */
public final class Dashboard implements AutoCloseable {

    /** Handler threads: a page polls about once a second, so a few serve many watchers. */
    static final int THREADS = 4;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final ServeSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final LiveIndex live;
    private final HistoryReports history;
    private final Guard guard;
    private final Redactor redactor;
    private final ErrorLog log;
    private final FarmApi farmApi;
    private final AccountApi accountApi;
    private final ActionApi actions;

    private Dashboard(ServeSettings settings, FarmAccess access, Clock clock, PrintWriter err) throws IOException {
        this.settings = settings;
        this.redactor = new Redactor(settings.secrets());
        this.log = new ErrorLog(err, redactor);
        this.guard = new Guard(settings);
        this.live = new LiveIndex(access, clock, log);
        this.history = new HistoryReports(access, clock, log);
        this.farmApi = new FarmApi(live, settings.zone());
        this.accountApi = new AccountApi(access, live, settings.zone(), clock);
        this.actions = new ActionApi(access, live, guard, clock);
        // The JDK's server writes a response's headers and body apart; with Nagle's algorithm on, each
        // answer on a kept-alive connection then waits for the client's delayed ACK: 40 ms a request.
        // Read once, when the server's classes load: so before the first server of this JVM.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "jobstate-serve-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds and starts serving; the farm is first read in the background.
     *
     * @param err where failures are told in detail, once each
     * @throws IOException when the address cannot be bound (a port in use: {@link java.net.BindException})
     */
    public static Dashboard start(ServeSettings settings, FarmAccess access, Clock clock, PrintWriter err)
            throws IOException {
        Dashboard dashboard = new Dashboard(settings, access, clock, err);
        dashboard.server.start();
        dashboard.live.start();
        return dashboard;
    }

    /** The port it listens on: the one asked for, or the one the system picked for 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Waits until the farm was read once (or failed to be), at most {@code millis}. */
    public boolean awaitFirstLook(long millis) throws InterruptedException {
        return live.awaitFirstLook(millis);
    }

    /** Why the farm cannot be read right now, or null; without secrets, for the console. */
    public String problem() {
        String problem = live.current().problem();
        return problem == null ? null : redactor.apply(problem);
    }

    private void handle(HttpExchange exchange) {
        Call call = new Call(exchange, redactor);
        try {
            guard.checkRequest(call);
            route(call);
        } catch (HttpProblem e) {
            answer(call, e.status, e.getMessage(), e.allow);
        } catch (Exception e) {
            log.once(call.method() + " " + call.path(), e);
            answer(call, 500, Reasons.of(e), null);
        } finally {
            exchange.close();
        }
    }

    private void route(Call call) throws IOException, HttpProblem {
        String path = call.path();
        switch (path) {
            case "/api/mark" -> actions.mark(call);
            case "/api/unmark" -> actions.unmark(call);
            case "/api/release" -> actions.release(call);
            case "/api/reset" -> actions.reset(call);
            default -> {
                if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
                    throw HttpProblem.methodNotAllowed("GET");
                }
                read(call, path);
            }
        }
    }

    private void read(Call call, String path) throws IOException, HttpProblem {
        switch (path) {
            case "/" -> call.bytes(200, "text/html; charset=utf-8", Pages.resource("farm.html"));
            case "/account" -> call.bytes(200, "text/html; charset=utf-8", Pages.resource("account.html"));
            case "/history" -> {
                int days = call.intParam("days", 7, 1, AccountApi.MAX_DAYS);
                call.html(200, Pages.history(days, history.of(days), settings.zone()));
            }
            case "/api/info" -> info(call);
            case "/api/farm" -> farmApi.handle(call);
            case "/api/account" -> accountApi.handle(call);
            case "/api/history" -> historyProgress(call);
            default -> {
                String name = path.startsWith("/static/") ? path.substring("/static/".length()) : null;
                String type = name == null ? null : Pages.STATIC.get(name);
                if (type == null) {
                    throw HttpProblem.notFound("no page at " + path);
                }
                call.bytes(200, type, Pages.resource(name));
            }
        }
    }

    private void info(Call call) throws IOException {
        ObjectNode body = Call.JSON.createObjectNode();
        body.put("where", settings.where());
        body.put("zone", settings.zone().getId());
        body.put("actions", settings.actionsOn());
        body.put("lastLookMillis", live.current().tookMillis());
        String version = Dashboard.class.getPackage().getImplementationVersion();
        body.put("version", version == null ? "development build" : version);
        call.json(200, body);
    }

    private void historyProgress(Call call) throws IOException, HttpProblem {
        HistoryReports.Job job = history.of(call.intParam("days", 7, 1, AccountApi.MAX_DAYS));
        ObjectNode body = Call.JSON.createObjectNode();
        body.put("ready", !job.running());
        body.put("done", job.done.get());
        body.put("total", job.total.get());
        body.put("problem", job.problem);
        call.json(200, body);
    }

    private void answer(Call call, int status, String reason, String allow) {
        if (call.answered()) {
            return; // the failure came while writing: the client has what it has
        }
        try {
            call.problem(status, reason, allow);
        } catch (IOException | RuntimeException e) {
            log.once("answering " + call.path(), e);
        }
    }

    @Override
    public void close() {
        live.close();
        history.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
