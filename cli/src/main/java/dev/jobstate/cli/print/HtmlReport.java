package dev.jobstate.cli.print;

import static dev.jobstate.cli.print.Svg.esc;
import static dev.jobstate.cli.print.Svg.num;

import dev.jobstate.cli.farm.FarmReport;
import dev.jobstate.cli.farm.History;
import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The offline report: one HTML file with its style inline and its charts as inline SVG, so it opens
 * from a mail attachment or an air-gapped box, needs no script, and prints as it shows.
 */
public final class HtmlReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String STYLE = """
            :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--card:#f9fafb;--accent:#2563eb}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
              color:var(--ink);margin:0;background:#fff}
            main{max-width:1180px;margin:0 auto;padding:28px 32px 48px}
            h1{font-size:24px;margin:0 0 4px}
            h2{font-size:17px;margin:0 0 4px}
            .sub{color:var(--muted);margin:0 0 18px}
            .cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:18px 0 26px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
            .card b{display:block;font-size:22px}
            .card span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            section{border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin:0 0 22px;
              break-inside:avoid;page-break-inside:avoid}
            section p.note{color:var(--muted);margin:0 0 12px}
            h3{font-size:14px;margin:18px 0 4px}
            p.totals{font-size:15px;font-weight:600;margin:0 0 6px}
            svg{display:block;max-width:100%;height:auto}
            svg text{font-family:inherit;fill:var(--ink)}
            .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:14px}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th{text-align:left;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);padding:6px 8px}
            td{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top}
            td.err{color:#b91c1c}
            .pill{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px}
            .pill.failed{background:#fee2e2;color:#991b1b}.pill.todo{background:#fef3c7;color:#92400e}
            .pill.gaveup{background:#991b1b;color:#fff}
            .empty{color:var(--muted);font-style:italic}
            footer{color:var(--muted);font-size:12px;margin-top:28px}
            @media print{
              main{padding:0;max-width:none}
              .cards{grid-template-columns:repeat(5,1fr)}
              section{border:none;padding:0;margin:0 0 18px}
              *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
              @page{size:A4 landscape;margin:14mm}
            }
            """;

    private final FarmReport report;
    private final HtmlToday statusToday;
    private final ZoneId zone;

    private HtmlReport(FarmReport report, HtmlToday statusToday, ZoneId zone) {
        this.report = report;
        this.statusToday = statusToday;
        this.zone = zone;
    }

    /**
     * @param today how the farm stands today, as {@code status} reads it
     * @param quarantined today's accounts in quarantine, as {@code status} lists them
     * @param ownDays whether {@code today}'s rows are each of its account's own today
     */
    public static String render(FarmReport report, Status today, List<Quarantines.Quarantined> quarantined,
                                boolean ownDays, ZoneId zone) {
        return new HtmlReport(report, new HtmlToday(today, quarantined, ownDays, zone), zone).page();
    }

    /**
     * The report's heat map and its ranking of the activities that fail most, with the summary
     * cards above them: the dashboard's history page shows these pieces as the report does.
     */
    public static String heatMapAndFailures(FarmReport report) {
        StringBuilder out = new StringBuilder(32 * 1024);
        HtmlReport pieces = new HtmlReport(report, null, ZoneId.of("UTC"));
        pieces.cards(out);
        pieces.heatMap(out);
        pieces.failing(out);
        return out.toString();
    }

    private String page() {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"/>")
                .append("<title>jobstate report ").append(report.from()).append(" to ").append(report.to())
                .append("</title><style>").append(STYLE).append("</style></head><body><main>\n");
        out.append("<h1>Farm report</h1><p class=\"sub\">").append(report.from()).append(" to ").append(report.to())
                .append(" · generated ").append(WHEN.format(report.generatedAt().atZone(zone))).append(" (")
                .append(esc(zone.getId())).append(")</p>\n");
        cards(out);
        statusToday.render(out);
        heatMap(out);
        failing(out);
        durations(out);
        today(out);
        if (!report.unreadable().isEmpty()) {
            out.append("<section id=\"unreadable\"><h2>Unreadable files</h2><p class=\"note\">")
                    .append(report.unreadable().size())
                    .append(" files could not be read; <code>jobstate verify</code> says why.</p><ul>");
            report.unreadable().stream().limit(50).forEach(f -> out.append("<li><code>").append(esc(f))
                    .append("</code></li>"));
            out.append("</ul></section>\n");
        }
        out.append("<footer>Made by <code>jobstate report</code> from ").append(report.files())
                .append(" state files. No scripts, no network: this file is all there is.</footer>\n");
        return out.append("</main></body></html>\n").toString();
    }

    private void cards(StringBuilder out) {
        FarmReport.HeatRow farm = report.farm();
        int last = farm.known().length - 1;
        out.append("<div class=\"cards\">");
        card(out, String.format(Locale.ROOT, "%,d", report.accounts()), "accounts");
        card(out, String.format(Locale.ROOT, "%,d", report.files()), "state files");
        card(out, pct(farm.rate()), "completed over the range");
        card(out, farm.known()[last] == 0 ? "-" : pct((double) farm.completed()[last] / farm.known()[last]),
                "completed " + report.to());
        card(out, String.format(Locale.ROOT, "%,d", report.todayUnfinishedTotal()), "unfinished " + report.to());
        out.append("</div>\n");
    }

    private static void card(StringBuilder out, String value, String label) {
        out.append("<div class=\"card\"><b>").append(value).append("</b><span>").append(esc(label))
                .append("</span></div>");
    }

    private void heatMap(StringBuilder out) {
        List<LocalDate> dates = report.dates();
        List<FarmReport.HeatRow> rows = report.rows();
        out.append("<section id=\"heatmap\"><h2>Completion per account per day</h2><p class=\"note\">");
        if (report.accounts() > rows.size()) {
            out.append("The ").append(rows.size()).append(" accounts with the lowest completion of ")
                    .append(String.format(Locale.ROOT, "%,d", report.accounts())).append(", worst first; ");
        }
        out.append("grey: no state file that day.</p>\n");
        int label = 200;
        int cell = Math.max(12, Math.min(26, 840 / Math.max(1, dates.size())));
        int rowH = 18;
        int top = 34;
        int height = top + (rows.size() + 1) * rowH + 8 + 34;
        int width = label + dates.size() * cell + 10;
        out.append("<svg class=\"chart\" role=\"img\" aria-label=\"completion heat map\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\">");
        for (int d = 0; d < dates.size(); d++) {
            if (dates.size() <= 10 || d % 5 == 0 || d == dates.size() - 1) {
                out.append(text(label + d * cell + cell / 2.0, top - 8, "middle", 10,
                        dates.get(d).format(DateTimeFormatter.ofPattern("MMM d", Locale.ROOT))));
            }
        }
        heatRow(out, report.farm(), label, top, cell, rowH, true);
        for (int r = 0; r < rows.size(); r++) {
            heatRow(out, rows.get(r), label, top + (r + 1) * rowH + 6, cell, rowH, false);
        }
        int ly = height - 20;
        out.append(text(label, ly + 10, "end", 10, "0% ").replace("<text ", "<text dx=\"-4\" "));
        for (int i = 0; i <= 10; i++) {
            out.append("<rect x=\"").append(label + i * 16).append("\" y=\"").append(ly)
                    .append("\" width=\"16\" height=\"12\" fill=\"").append(Svg.rateColour(i / 10.0)).append("\"/>");
        }
        out.append(text(label + 11 * 16 + 4, ly + 10, "start", 10, "100%"));
        out.append("<rect x=\"").append(label + 11 * 16 + 50).append("\" y=\"").append(ly)
                .append("\" width=\"16\" height=\"12\" fill=\"#e5e7eb\"/>");
        out.append(text(label + 11 * 16 + 70, ly + 10, "start", 10, "no file"));
        out.append("</svg></section>\n");
    }

    private static void heatRow(StringBuilder out, FarmReport.HeatRow row, int label, int y, int cell, int rowH,
                                boolean bold) {
        out.append("<text x=\"").append(label - 8).append("\" y=\"").append(y + rowH - 5)
                .append("\" text-anchor=\"end\" font-size=\"11\"").append(bold ? " font-weight=\"700\"" : "")
                .append('>').append(esc(shorten(row.account(), 30))).append("</text>");
        for (int d = 0; d < row.known().length; d++) {
            int known = row.known()[d];
            String fill = known == 0 ? "#e5e7eb" : Svg.rateColour((double) row.completed()[d] / known);
            out.append("<rect x=\"").append(label + d * cell + 1).append("\" y=\"").append(y + 1)
                    .append("\" width=\"").append(cell - 2).append("\" height=\"").append(rowH - 2)
                    .append("\" rx=\"2\" fill=\"").append(fill).append("\"><title>").append(esc(row.account()))
                    .append(' ').append(known == 0 ? "no file" : row.completed()[d] + "/" + known)
                    .append("</title></rect>");
        }
    }

    private void failing(StringBuilder out) {
        List<History.Failing> failing = report.failing();
        out.append("<section id=\"failing\"><h2>Activities that fail most</h2><p class=\"note\">Failed attempts over the range,")
                .append(" across all accounts; the bar's label says on how many account-days.</p>\n");
        if (failing.isEmpty()) {
            out.append("<p class=\"empty\">No failures in this range.</p></section>\n");
            return;
        }
        int max = failing.stream().mapToInt(History.Failing::attempts).max().orElse(1);
        int label = 260;
        int barMax = 470;
        int rowH = 26;
        int height = failing.size() * rowH + 10;
        out.append("<svg class=\"chart\" role=\"img\" aria-label=\"failing activities\" viewBox=\"0 0 ")
                .append(label + barMax + 220).append(' ').append(height).append("\" width=\"")
                .append(label + barMax + 220).append("\">");
        for (int i = 0; i < failing.size(); i++) {
            History.Failing f = failing.get(i);
            int y = i * rowH + 4;
            double w = Math.max(2, (double) barMax * f.attempts() / max);
            out.append(text(label - 8, y + 15, "end", 12, shorten(f.type() + " · " + f.id(), 38)));
            out.append("<rect x=\"").append(label).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(num(w)).append("\" height=\"").append(rowH - 8).append("\" rx=\"3\" fill=\"#dc2626\">")
                    .append("<title>").append(esc(f.last().exception() + (f.last().message() == null ? ""
                            : ": " + f.last().message()))).append("</title></rect>");
            out.append(text(label + w + 6, y + 15, "start", 11, f.attempts() + " on " + f.days()
                    + (f.days() == 1 ? " day · " : " days · ") + shorten(simpleName(f.last().exception()), 28)));
        }
        out.append("</svg></section>\n");
    }

    private void durations(StringBuilder out) {
        out.append("<section id=\"durations\"><h2>Duration of successful runs, per type</h2>")
                .append("<p class=\"note\">Per day: the mean (solid) and the 90th percentile (dashed).</p>\n");
        if (report.durations().isEmpty()) {
            out.append("<p class=\"empty\">No completed runs with a duration in this range.</p></section>\n");
            return;
        }
        out.append("<div class=\"multiples\">");
        for (FarmReport.DurationTrend trend : report.durations()) {
            lineChart(out, trend);
        }
        out.append("</div></section>\n");
    }

    private void lineChart(StringBuilder out, FarmReport.DurationTrend trend) {
        int w = 360;
        int h = 170;
        int left = 56;
        int right = 10;
        int top = 26;
        int bottom = 24;
        long max = 1;
        for (long v : trend.p90Millis()) {
            max = Math.max(max, v);
        }
        int n = trend.meanMillis().length;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        out.append("<svg class=\"chart\" role=\"img\" aria-label=\"durations of ").append(esc(trend.type()))
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        out.append("<text x=\"0\" y=\"14\" font-size=\"13\" font-weight=\"700\">").append(esc(trend.type()))
                .append("</text>").append(text(w - right, 14, "end", 10,
                        String.format(Locale.ROOT, "%,d runs", trend.runs())));
        for (int g = 0; g <= 2; g++) {
            double y = top + plotH - plotH * g / 2;
            out.append("<line x1=\"").append(left).append("\" x2=\"").append(w - right).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#e5e7eb\"/>");
            out.append(text(left - 6, y + 4, "end", 10, Svg.millis(max * g / 2)));
        }
        out.append(text(left, h - 6, "start", 10, report.from().toString()));
        out.append(text(w - right, h - 6, "end", 10, report.to().toString()));
        out.append(polyline(trend.p90Millis(), max, left, top, plotW, plotH, n, "#93c5fd", "stroke-dasharray=\"4 3\""));
        out.append(polyline(trend.meanMillis(), max, left, top, plotW, plotH, n, "#2563eb", ""));
        out.append("</svg>");
    }

    private static String polyline(long[] values, long max, int left, int top, double plotW, double plotH, int n,
                                   String colour, String extra) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (values[i] < 0) {
                continue;
            }
            double x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            double y = top + plotH - plotH * values[i] / max;
            points.append(num(x)).append(',').append(num(y)).append(' ');
            if (n <= 14) {
                dots.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y))
                        .append("\" r=\"2.5\" fill=\"").append(colour).append("\"/>");
            }
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" " + extra + " points=\""
                + points.toString().strip() + "\"/>" + dots;
    }

    private void today(StringBuilder out) {
        List<FarmReport.Unfinished> today = report.today();
        out.append("<section id=\"today\"><h2>Unfinished on ").append(report.to()).append("</h2>");
        if (today.isEmpty()) {
            out.append("<p class=\"empty\">Nothing left to do.</p></section>\n");
            return;
        }
        out.append("<p class=\"note\">").append(String.format(Locale.ROOT, "%,d", report.todayUnfinishedTotal()))
                .append(" activities failed or left to do");
        if (report.todayGaveUpTotal() > 0) {
            out.append(", ").append(String.format(Locale.ROOT, "%,d", report.todayGaveUpTotal()))
                    .append(" of them given up (they failed their <code>maxAttempts</code> times;")
                    .append(" <code>jobstate unmark</code> gives the attempts back)");
        }
        if (report.todayUnfinishedTotal() > today.size()) {
            out.append("; the first ").append(today.size()).append(" by account");
        }
        out.append(".</p>\n<table><thead><tr><th>Account</th><th>Type</th><th>Activity</th><th>State</th>")
                .append("<th>Attempts</th><th>Last error</th></tr></thead><tbody>");
        for (FarmReport.Unfinished u : today) {
            boolean failed = u.error() != null;
            out.append("<tr><td>").append(esc(u.account())).append("</td><td>").append(esc(u.type()))
                    .append("</td><td>").append(esc(u.id())).append("</td><td><span class=\"pill ")
                    .append(u.gaveUp() ? "gaveup\">given up" : failed ? "failed\">failed" : "todo\">to do")
                    .append("</span></td><td>")
                    .append(u.attempts() == 0 ? "" : u.attempts()).append("</td><td class=\"err\">")
                    .append(failed ? esc(u.error()) + " <small>(" + WHEN.format(u.at().atZone(zone)) + ")</small>" : "")
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\">" + esc(content) + "</text>";
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
