package dev.jobstate.cli.serve;

import static dev.jobstate.cli.print.Svg.esc;

import dev.jobstate.cli.farm.FarmReport;
import dev.jobstate.cli.print.HtmlReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's pages and files, all from the jar ({@code dev/jobstate/cli/serve/} in its
 * resources): nothing is fetched from a network. The farm and account pages are static and fill
 * themselves from the JSON API; the history page and error pages are made here, every value
 * escaped.
 */
final class Pages {

    /** The files a browser may ask for under {@code /static/}, with their types: nothing else is served. */
    static final Map<String, String> STATIC = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "common.js", "text/javascript; charset=utf-8",
            "farm.js", "text/javascript; charset=utf-8",
            "account.js", "text/javascript; charset=utf-8",
            "history.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");

    static final int[] HISTORY_DAYS = {1, 7, 14, 30, 90};

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Map<String, byte[]> LOADED = new ConcurrentHashMap<>();

    private Pages() {
    }

    /** A resource of the dashboard, read once. */
    static byte[] resource(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try (InputStream in = Pages.class.getResourceAsStream(n)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard's " + n + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** A page that says what went wrong, in a line, and links back. */
    static String error(int status, String reason) {
        return text("error.html").replace("{{status}}", Integer.toString(status)).replace("{{reason}}", esc(reason));
    }

    /** The history page: the report's heat map and failures for the range, or how far collecting got. */
    static String history(int days, HistoryReports.Job job, ZoneId zone) {
        StringBuilder options = new StringBuilder();
        for (int n : HISTORY_DAYS) {
            options.append("<option value=\"").append(n).append('"').append(n == days ? " selected" : "").append('>')
                    .append(n == 1 ? "today" : "last " + n + " days").append("</option>");
        }
        StringBuilder content = new StringBuilder();
        FarmReport report = job.report;
        if (report != null) {
            content.append("<p class=\"sub\">").append(report.from()).append(" to ").append(report.to())
                    .append(String.format(Locale.ROOT, " · %,d accounts, %,d ", report.accounts(), report.files()))
                    .append("days read · collected at ").append(CLOCK.format(report.generatedAt().atZone(zone)))
                    .append(" (").append(esc(zone.getId())).append(")</p>\n");
            if (!report.unreadable().isEmpty()) {
                content.append("<p class=\"problem\">").append(String.format(Locale.ROOT, "%,d", report.unreadable().size()))
                        .append(report.unreadable().size() == 1 ? " day" : " days")
                        .append(" could not be read; <code>jobstate verify</code> says why.</p>\n");
            }
            content.append(HtmlReport.heatMapAndFailures(report));
        } else if (job.problem != null) {
            content.append("<p class=\"problem\">Could not read the history: ").append(esc(job.problem)).append("</p>");
        } else {
            content.append("<p id=\"progress\" class=\"loading\" data-days=\"").append(days).append("\">Reading ")
                    .append(job.from).append(" to ").append(job.to).append(String.format(Locale.ROOT,
                            "… %,d of %,d accounts", job.done.get(), job.total.get())).append("</p>");
        }
        return text("history.html").replace("{{days}}", options).replace("{{content}}", content);
    }
}
