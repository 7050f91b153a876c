package dev.jobstate.cli.print;

import static dev.jobstate.cli.print.Svg.esc;

import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's Today section: what {@code status} says of today that the rest of the report cannot
 * (not started, in doubt, interrupted, given up, quarantined), rendered from the very {@link Status}
 * status prints, so the two never disagree. Each list stops at {@link #LIMIT} rows: a farm may
 * have 10,000 accounts, and the page must stay readable.
 */
final class HtmlToday {

    static final int LIMIT = 200;

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Status status;
    private final List<Quarantines.Quarantined> quarantined;
    private final boolean ownDays;
    private final ZoneId zone;

    HtmlToday(Status status, List<Quarantines.Quarantined> quarantined, boolean ownDays, ZoneId zone) {
        this.status = status;
        this.quarantined = quarantined;
        this.ownDays = ownDays;
        this.zone = zone;
    }

    void render(StringBuilder out) {
        out.append("<section id=\"status\"><h2>Today</h2><p class=\"note\">");
        if (ownDays) {
            out.append("Each account's own today (<code>jobState.accounts</code>); other accounts: ");
        }
        out.append(status.date()).append(", counted as <code>jobstate status</code> counts it.</p>\n");
        if (status.rows().isEmpty()) {
            out.append("<p class=\"empty\">No state files yet.</p></section>\n");
            return;
        }
        out.append("<p class=\"totals\">")
                .append(esc(StatusText.totals(status.totals(), quarantined.size(), Ansi.OFF))).append("</p>\n");
        quarantined(out);
        inDoubt(out);
        left(out);
        out.append("</section>\n");
    }

    private void quarantined(StringBuilder out) {
        if (quarantined.isEmpty()) {
            return;
        }
        out.append("<h3>Quarantined</h3><p class=\"note\">Nothing of theirs runs for the rest of its day,")
                .append(" unless <code>jobstate release --account &lt;account&gt;</code>.</p>\n")
                .append("<table><thead><tr><th>Account</th><th>Failures counted</th></tr></thead><tbody>");
        quarantined.stream().limit(LIMIT).forEach(q -> out.append("<tr><td>").append(esc(q.account()))
                .append("</td><td>").append(q.failures()).append("</td></tr>"));
        out.append("</tbody></table>\n");
        more(out, quarantined.size());
    }

    private void inDoubt(StringBuilder out) {
        if (status.totals().inDoubt() == 0) {
            return;
        }
        out.append("<h3>In doubt</h3><p class=\"note\"><code>@Activity(once = true)</code> that started and never")
                .append(" ended: nothing runs them until an operator decides. Settle with <code>jobstate mark</code>")
                .append(" (it happened) or <code>jobstate unmark</code> (run it again).</p>\n")
                .append("<table><thead><tr><th>Account</th><th>Type</th><th>Activity</th><th>Started at</th></tr>")
                .append("</thead><tbody>");
        status.rows().stream().flatMap(row -> row.inDoubt().stream().map(d -> Map.entry(row, d))).limit(LIMIT)
                .forEach(e -> out.append("<tr><td>").append(esc(e.getKey().account())).append("</td><td>")
                        .append(esc(e.getKey().type())).append("</td><td>").append(esc(e.getValue().id()))
                        .append("</td><td>").append(started(e.getValue().startedAt())).append("</td></tr>"));
        out.append("</tbody></table>\n");
        more(out, status.totals().inDoubt());
    }

    /** Per account and type, what is left: the counts status shows in its table, worst first. */
    private void left(StringBuilder out) {
        List<Status.Row> left = status.rows().stream().filter(r -> r.problem() != null || remaining(r) > 0).toList();
        if (left.isEmpty()) {
            return;
        }
        out.append("<h3>Left to do, per account and type</h3><p class=\"note\">Least done first. Not started:")
                .append(" the account's day before had it, today has not started it. Interrupted: a run that died")
                .append(" started it, and nothing ended it since.</p>\n<table><thead><tr><th>Account</th>")
                .append("<th>Type</th><th>Done</th><th>Rate</th><th>Not started</th><th>Interrupted</th>")
                .append("<th>Failed</th></tr></thead><tbody>");
        left.stream().sorted(Status.WORST_FIRST).limit(LIMIT).forEach(row -> row(out, row));
        out.append("</tbody></table>\n");
        more(out, left.size());
    }

    private static void row(StringBuilder out, Status.Row row) {
        out.append("<tr><td>").append(esc(row.account())).append("</td><td>").append(esc(row.type()))
                .append("</td>");
        if (row.problem() != null) {
            out.append("<td colspan=\"5\" class=\"err\">unreadable: ").append(esc(row.problem()))
                    .append("</td></tr>");
            return;
        }
        long gaveUp = row.failed().stream().filter(f -> f.failure().gaveUp()).count();
        out.append("<td>").append(row.completed()).append('/').append(row.known()).append("</td><td>")
                .append(StatusText.percent(row.completed(), row.known())).append("</td><td>")
                .append(row.notStarted() == 0 ? "" : row.notStarted()).append("</td><td>")
                .append(row.interrupted() == 0 ? "" : row.interrupted()).append("</td><td")
                .append(row.failed().isEmpty() ? ">" : " class=\"err\">" + row.failed().size())
                .append(gaveUp == 0 ? "" : " (" + gaveUp + " given up)").append("</td></tr>");
    }

    private static void more(StringBuilder out, long total) {
        if (total > LIMIT) {
            out.append("<p class=\"note\">and ").append(String.format(Locale.ROOT, "%,d", total - LIMIT))
                    .append(" more.</p>\n");
        }
    }

    private String started(Instant at) {
        return at == null ? "unknown" : STARTED.format(at.atZone(zone));
    }

    private static int remaining(Status.Row row) {
        return row.known() - row.completed();
    }
}
