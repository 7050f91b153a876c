package dev.jobstate.cli.print;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code status --json}: a stable format for scripts, documented in docs/operating.md (section
 * "status --json"). Fields are never renamed or removed; new ones may be added. Times are UTC with
 * milliseconds, like the state files.
 */
public final class StatusJson {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    public static String render(Status status) {
        return render(status, List.of());
    }

    /** With the accounts in quarantine, {@code "quarantined": [{"account", "failures"}]}. */
    public static String render(Status status, List<Quarantines.Quarantined> quarantined) {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", status.date().toString());
        ArrayNode rows = root.putArray("rows");
        for (Status.Row row : status.rows()) {
            ObjectNode r = rows.addObject();
            r.put("account", row.account());
            r.put("type", row.type());
            r.put("completed", row.completed());
            r.put("known", row.known());
            r.put("notStarted", row.notStarted());
            r.put("rate", rate(row.completed(), row.known()));
            ArrayNode failed = r.putArray("failed");
            for (Status.Failed f : row.failed()) {
                ObjectNode entry = failed.addObject();
                entry.put("id", f.id());
                entry.put("exception", f.failure().exception());
                entry.put("message", f.failure().message());
                entry.put("at", time(f.failure().at()));
                entry.put("attempts", f.failure().attempts());
                entry.put("maxAttempts", f.failure().maxAttempts());
                entry.put("gaveUp", f.failure().gaveUp());
            }
            ArrayNode inDoubt = r.putArray("inDoubt");
            for (Status.InDoubt d : row.inDoubt()) {
                inDoubt.addObject().put("id", d.id()).put("startedAt", time(d.startedAt()));
            }
            r.put("interrupted", row.interrupted());
            r.put("lastUpdate", time(row.lastUpdate()));
            r.put("problem", row.problem());
        }
        ArrayNode inQuarantine = root.putArray("quarantined");
        for (Quarantines.Quarantined q : quarantined) {
            inQuarantine.addObject().put("account", q.account()).put("failures", q.failures());
        }
        Status.Totals t = status.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("accounts", t.accounts());
        totals.put("accountsDone", t.accountsDone());
        totals.put("rows", t.rows());
        totals.put("completed", t.completed());
        totals.put("known", t.known());
        totals.put("failed", t.failed());
        totals.put("gaveUp", t.gaveUp());
        totals.put("notStarted", t.notStarted());
        totals.put("inDoubt", t.inDoubt());
        totals.put("interrupted", t.interrupted());
        totals.put("unreadable", t.unreadable());
        totals.put("rate", round(t.rate()));
        try {
            return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static double rate(long done, long known) {
        return known == 0 ? 1.0 : round((double) done / known);
    }

    private static double round(double rate) {
        return Math.round(rate * 10_000) / 10_000.0;
    }

    private static String time(Instant at) {
        return at == null ? null : UTC.format(at);
    }
}
