package dev.jobstate.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.cli.farm.FarmToday;
import dev.jobstate.cli.farm.Status;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /api/farm}: one page of today's rows, filtered and sorted as asked, with the farm's
 * totals. A page that sends back the {@code tag} it last got ({@code since}) gets
 * {@code "unchanged": true} and nothing else while the farm is as it was, so polling every second
 * costs next to nothing.
 */
final class FarmApi {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One version's rows in one order, and its types: kept while the next request asks the same. */
    private record Sorted(long version, FarmQuery.Sort sort, List<Status.Row> rows, List<String> types) {
    }

    private final LiveIndex live;
    private final ZoneId zone;
    private volatile Sorted sorted;

    FarmApi(LiveIndex live, ZoneId zone) {
        this.live = live;
        this.zone = zone;
    }

    void handle(Call call) throws IOException, HttpProblem {
        FarmQuery query = FarmQuery.of(call);
        LiveIndex.View view = live.current();
        ObjectNode body = Call.JSON.createObjectNode();
        body.put("tag", view.tag());
        body.put("checkedAt", clock(view.checkedAt()));
        if (view.tag().equals(call.param("since"))) {
            body.put("unchanged", true);
            call.json(200, body);
            return;
        }
        body.put("problem", view.problem());
        FarmToday today = view.today();
        body.put("loading", today == null && view.problem() == null);
        if (today == null) {
            call.json(200, body);
            return;
        }
        Sorted rows = sorted(today, query);
        FarmQuery.Page page = query.apply(today, rows.rows());
        body.put("date", today.status().date().toString());
        body.put("ownDays", today.ownDays());
        totals(body.putObject("totals"), today);
        ArrayNode types = body.putArray("types");
        rows.types().forEach(types::add);
        body.put("matching", page.matching());
        body.put("page", query.page());
        body.put("size", query.size());
        ArrayNode list = body.putArray("rows");
        for (Status.Row row : page.rows()) {
            row(list.addObject(), row, today.quarantined().get(row.account()));
        }
        call.json(200, body);
    }

    private Sorted sorted(FarmToday today, FarmQuery query) {
        Sorted known = sorted;
        if (known != null && known.version == today.version() && known.sort == query.sort()) {
            return known;
        }
        TreeSet<String> types = new TreeSet<>();
        today.status().rows().forEach(row -> types.add(row.type()));
        Sorted fresh = new Sorted(today.version(), query.sort(), query.sorted(today), List.copyOf(types));
        sorted = fresh;
        return fresh;
    }

    private static void totals(ObjectNode out, FarmToday today) {
        Status.Totals t = today.status().totals();
        out.put("accounts", t.accounts());
        out.put("accountsDone", t.accountsDone());
        out.put("rows", t.rows());
        out.put("completed", t.completed());
        out.put("known", t.known());
        out.put("rate", t.rate());
        out.put("failed", t.failed());
        out.put("gaveUp", t.gaveUp());
        out.put("notStarted", t.notStarted());
        out.put("inDoubt", t.inDoubt());
        out.put("interrupted", t.interrupted());
        out.put("unreadable", t.unreadable());
        out.put("quarantined", today.quarantined().size());
    }

    private void row(ObjectNode out, Status.Row row, Integer quarantined) {
        out.put("account", row.account());
        out.put("type", row.type());
        out.put("completed", row.completed());
        out.put("known", row.known());
        out.put("notStarted", row.notStarted());
        out.put("rate", row.known() == 0 ? 1.0 : (double) row.completed() / row.known());
        out.put("failed", row.failed().size());
        out.put("gaveUp", row.failed().stream().filter(f -> f.failure().gaveUp()).count());
        out.put("inDoubt", row.inDoubt().size());
        out.put("interrupted", row.interrupted());
        out.put("lastUpdate", clock(row.lastUpdate()));
        out.put("problem", row.problem());
        if (quarantined != null) {
            out.put("quarantined", quarantined);
        } else {
            out.putNull("quarantined");
        }
        // The latest failure says most about what is wrong now.
        row.failed().stream().max(Comparator.comparing(f -> f.failure().at())).ifPresentOrElse(f -> {
            String exception = f.failure().exception();
            String message = f.failure().message() == null ? "" : ": " + f.failure().message();
            out.put("lastError", f.id() + ": " + exception + message);
            out.put("lastErrorShort", f.id() + ": " + exception.substring(exception.lastIndexOf('.') + 1) + message);
        }, () -> {
            out.putNull("lastError");
            out.putNull("lastErrorShort");
        });
    }

    private String clock(Instant at) {
        return at == null ? null : CLOCK.format(at.atZone(zone));
    }
}
