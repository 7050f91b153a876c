package dev.jobstate.cli.print;

import dev.jobstate.cli.farm.History;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code history} for people: a bar per day, then the activities that fail most. */
public final class HistoryText {

    private static final int BAR = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private HistoryText() {
    }

    public static String render(History history, ZoneId zone, Ansi ansi) {
        StringBuilder out = new StringBuilder();
        out.append(ansi.bold(history.account())).append(", ").append(history.days().get(0).date()).append(" to ")
                .append(history.days().get(history.days().size() - 1).date()).append("\n\n");
        Table days = new Table(List.of("DATE", "DONE", "RATE", "", "FAILURES"), false, true, true, false, true);
        for (History.Day day : history.days()) {
            if (day.files() == 0) {
                days.add(List.of(day.date().toString(), "-", "-", "", ""), null, null, null, ansi::dim);
                continue;
            }
            int filled = day.known() == 0 ? BAR : (int) Math.round((double) BAR * day.completed() / day.known());
            boolean full = day.completed() == day.known();
            days.add(List.of(day.date().toString(), day.completed() + "/" + day.known(),
                            StatusText.percent(day.completed(), day.known()),
                            "#".repeat(filled) + ".".repeat(BAR - filled),
                            day.failedAttempts() == 0 ? "" : String.valueOf(day.failedAttempts())),
                    null, null, full ? ansi::green : ansi::yellow, full ? ansi::green : ansi::yellow, ansi::red);
        }
        out.append(days.render(ansi));
        out.append('\n');
        if (history.failing().isEmpty()) {
            out.append("No failures.\n");
        } else {
            out.append(ansi.bold("Fails most")).append('\n');
            Table failing = new Table(List.of("TYPE", "ACTIVITY", "FAILURES", "DAYS", "LAST ERROR"),
                    false, false, true, true, false);
            for (History.Failing f : history.failing()) {
                failing.add(List.of(f.type(), f.id(), String.valueOf(f.attempts()), String.valueOf(f.days()),
                        WHEN.format(f.last().at().atZone(zone)) + " " + f.last().exception()
                                + (f.last().message() == null ? "" : ": " + f.last().message())));
            }
            out.append(failing.render(ansi));
        }
        for (String file : history.unreadable()) {
            out.append(ansi.red("unreadable: ")).append(file).append('\n');
        }
        return out.toString();
    }
}
