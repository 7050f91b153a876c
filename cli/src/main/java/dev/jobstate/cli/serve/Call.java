package dev.jobstate.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request and its response, as the handlers use them: the query's parameters, a bounded body,
 * and responses that always carry the security headers and never a secret.
 */
final class Call {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Self only: scripts, styles and data come from this server, nothing inline, nothing from a
     * network; no page may frame this one.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final int MAX_BODY = 16 * 1024;

    private final HttpExchange exchange;
    private final Redactor redactor;
    private Map<String, String> query;
    private boolean answered;

    Call(HttpExchange exchange, Redactor redactor) {
        this.exchange = exchange;
        this.redactor = redactor;
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** A request header, or null. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    boolean answered() {
        return answered;
    }

    /** The query's parameters, decoded; the first of each name counts. */
    Map<String, String> query() {
        if (query == null) {
            Map<String, String> found = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    found.putIfAbsent(name, value);
                }
            }
            query = found;
        }
        return query;
    }

    /** A parameter, null when absent or empty. */
    String param(String name) {
        String value = query().get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A whole number within bounds, or {@code otherwise} when absent. */
    int intParam(String name, int otherwise, int min, int max) throws HttpProblem {
        String value = param(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw HttpProblem.badRequest(name + " must be from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number");
        }
    }

    /** The body as a JSON object, at most 16 KiB. */
    JsonNode jsonBody() throws HttpProblem, IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw HttpProblem.badRequest("the body is over 16 KiB");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpProblem.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("the body is not JSON");
        }
    }

    void json(int status, JsonNode body) throws IOException {
        try {
            send(status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IOException("a JSON tree always serializes", e);
        }
    }

    void html(int status, String page) throws IOException {
        send(status, "text/html; charset=utf-8", page);
    }

    /** An error as the client can read it: JSON under {@code /api/}, a small page elsewhere. */
    void problem(int status, String reason, String allow) throws IOException {
        if (allow != null) {
            exchange.getResponseHeaders().set("Allow", allow);
        }
        if (path().startsWith("/api/")) {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", reason);
            json(status, body);
        } else {
            html(status, Pages.error(status, reason));
        }
    }

    /** Text, with every secret taken out. */
    void send(int status, String contentType, String text) throws IOException {
        bytes(status, contentType, redactor.apply(text).getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes as they are: only for the jar's own resources, which hold no secret. */
    void bytes(int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
        answered = true;
        boolean head = method().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
