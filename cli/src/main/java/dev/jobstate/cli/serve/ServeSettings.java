package dev.jobstate.cli.serve;

import java.net.InetAddress;
import java.time.ZoneId;
import java.util.List;

/**
 * How {@code serve} runs.
 *
 * @param port 0 for any free port
 * @param token what every change must carry in its {@code X-Jobstate-Token} header; null: changes
 *     are off, the dashboard only reads
 * @param where the state folder, or the PostgreSQL schema and server, for the page; never a password
 * @param zone the bots' zone: times are shown in it
 * @param secrets text no response may ever contain (the database password): replaced by {@code ***}
 */
public record ServeSettings(InetAddress bind, int port, String token, String where, ZoneId zone,
                            List<String> secrets) {

    public ServeSettings {
        token = token == null || token.isBlank() ? null : token;
        secrets = List.copyOf(secrets);
    }

    boolean actionsOn() {
        return token != null;
    }
}
