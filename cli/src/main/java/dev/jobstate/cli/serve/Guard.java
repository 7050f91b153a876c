package dev.jobstate.cli.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * What every request must pass before a handler sees it, and what a change must pass on top.
 *
 * <p>Reading: bound to the loopback address, a request must name a loopback host, so a web page
 * whose own name was made to point at 127.0.0.1 (DNS rebinding) cannot read the farm through the
 * browser. A token is never taken from a URL, where it would end up in history and logs.
 *
 * <p>Changing: POST only; when the browser says where the request comes from ({@code Origin},
 * {@code Sec-Fetch-Site}), it must be this dashboard's own page; and the token must come in the
 * {@code X-Jobstate-Token} header, which a page of another site cannot send here without the
 * browser asking first, which nothing here answers.
 */
final class Guard {

    static final String TOKEN_HEADER = "X-Jobstate-Token";

    private final byte[] token;
    private final boolean loopback;

    Guard(ServeSettings settings) {
        this.token = settings.token() == null ? null : settings.token().getBytes(StandardCharsets.UTF_8);
        this.loopback = settings.bind().isLoopbackAddress();
    }

    void checkRequest(Call call) throws HttpProblem {
        if (call.query().containsKey("token")) {
            throw HttpProblem.badRequest("a token is never taken from a URL: send it in the " + TOKEN_HEADER + " header");
        }
        String host = call.header("Host");
        if (host == null) {
            throw HttpProblem.badRequest("no Host header");
        }
        if (loopback && !isLoopback(hostName(host))) {
            throw HttpProblem.misdirected("this dashboard answers only to 127.0.0.1 or localhost, not to " + host);
        }
    }

    void checkChange(Call call) throws HttpProblem {
        if (!call.method().equals("POST")) {
            throw HttpProblem.methodNotAllowed("POST");
        }
        if (token == null) {
            throw HttpProblem.forbidden("changes are off: serve was started without --token (or JOBSTATE_TOKEN)");
        }
        String site = call.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw HttpProblem.forbidden("cross-site request refused (Sec-Fetch-Site: " + site + ")");
        }
        String origin = call.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + call.header("Host"))) {
            throw HttpProblem.forbidden("cross-site request refused: " + origin + " is not this dashboard");
        }
        String type = call.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw HttpProblem.badRequest("a change is sent as JSON (Content-Type: application/json)");
        }
        String given = call.header(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw HttpProblem.forbidden("wrong or missing token: enter the token serve was started with");
        }
    }

    /** {@code host[:port]} or {@code [v6][:port]}, without the port and brackets. */
    static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Only names that cannot be anyone else's: localhost and loopback literals; no lookup is made. */
    static boolean isLoopback(String name) {
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = name.matches("[0-9.]+") || (name.contains(":") && name.matches("[0-9a-fA-F:.]+"));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
