package dev.jobstate.cli.print;

import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code status} for people: one aligned row per account and type, failed ids under it (those
 * jobstate gave up on for the day, {@code @Activity(maxAttempts)}, say so), totals.
 */
public final class StatusText {

    private StatusText() {
    }

    public static String render(Status status, ZoneId zone, Ansi ansi) {
        return render(status, List.of(), zone, ansi);
    }

    /** With the accounts in quarantine listed after the failures. */
    public static String render(Status status, List<Quarantines.Quarantined> quarantined, ZoneId zone, Ansi ansi) {
        if (status.rows().isEmpty()) {
            return "No state files for " + status.date() + ".\n";
        }
        Table table = new Table(List.of("ACCOUNT", "TYPE", "DONE", "RATE", "FAILED", "LAST UPDATE"),
                false, false, true, true, true);
        StringBuilder failures = new StringBuilder();
        // Rows share a few dozen done/known pairs; String.format for each of 30,000 rows showed in profiles.
        Map<Long, String> rates = new HashMap<>();
        for (Status.Row row : status.rows()) {
            if (row.problem() != null) {
                table.add(List.of(row.account(), row.type(), "-", "-", "-", "unreadable: " + row.problem()),
                        null, null, null, null, null, ansi::red);
                continue;
            }
            boolean done = row.completed() == row.known();
            String rate = rates.computeIfAbsent((long) row.completed() << 32 | row.known() & 0xffffffffL,
                    pair -> percent(row.completed(), row.known()));
            String doneOfKnown = row.completed() + "/" + row.known() + notes(row);
            table.add(List.of(row.account(), row.type(), doneOfKnown, rate,
                            String.valueOf(row.failed().size()), time(row.lastUpdate(), zone)),
                    null, null, null, done ? ansi::green : ansi::yellow,
                    row.failed().isEmpty() ? null : ansi::red, null);
        }
        StringBuilder out = table.render(new StringBuilder(128 * status.rows().size() + 1024), ansi);
        for (Status.Row row : status.rows()) {
            for (Status.Failed f : row.failed()) {
                failures.append("  ").append(ansi.red("✗")).append(' ').append(row.account()).append(' ')
                        .append(row.type()).append(' ').append(f.id()).append(": ")
                        .append(f.failure().exception())
                        .append(f.failure().message() == null ? "" : ": " + f.failure().message())
                        .append(" (").append(f.failure().attempts())
                        .append(f.failure().attempts() == 1 ? " attempt" : " attempts")
                        .append(f.failure().gaveUp() ? ", " + ansi.bold("given up") : "").append(", last ")
                        .append(time(f.failure().at(), zone)).append(")\n");
            }
        }
        if (!failures.isEmpty()) {
            out.append('\n').append(ansi.bold("Failed")).append('\n').append(failures);
        }
        StringBuilder inDoubt = new StringBuilder();
        for (Status.Row row : status.rows()) {
            for (Status.InDoubt d : row.inDoubt()) {
                inDoubt.append("  ").append(ansi.yellow("?")).append(' ').append(row.account()).append(' ')
                        .append(row.type()).append(' ').append(d.id()).append(": started ")
                        .append(time(d.startedAt(), zone)).append(", never ended\n");
            }
        }
        if (!inDoubt.isEmpty()) {
            out.append('\n').append(ansi.bold("In doubt")).append(" (@Activity(once = true) that started and never"
                    + " ended; nothing runs them until jobstate mark (it happened) or unmark (run it again))\n")
                    .append(inDoubt);
        }
        if (!quarantined.isEmpty()) {
            out.append('\n').append(ansi.bold("Quarantined")).append(" (nothing of theirs runs for the rest of its day,"
                    + " unless jobstate release --account <account>)\n");
            for (Quarantines.Quarantined q : quarantined) {
                out.append("  ").append(ansi.red("⛔")).append(' ').append(q.account()).append(": ")
                        .append(q.failures()).append(q.failures() == 1 ? " failure" : " failures").append(" that day\n");
            }
        }
        return out.append('\n').append(ansi.bold("Total")).append(' ')
                .append(totals(status.totals(), quarantined.size(), ansi)).append('\n').toString();
    }

    /**
     * The totals after "Total": what is done of what is known, then only the problems there are.
     * The report's Today section prints the same line.
     */
    static String totals(Status.Totals t, int quarantined, Ansi ansi) {
        StringBuilder out = new StringBuilder().append(t.completed()).append('/').append(t.known())
                .append(" activities completed (").append(percent(t.completed(), t.known())).append(") · ")
                .append(t.accountsDone()).append(" of ").append(t.accounts()).append(" accounts done · ")
                .append(t.failed()).append(" failed");
        if (t.gaveUp() > 0) {
            out.append(" (").append(ansi.red(t.gaveUp() + " given up")).append(')');
        }
        if (t.notStarted() > 0) {
            out.append(" · ").append(t.notStarted()).append(" not started");
        }
        if (t.inDoubt() > 0) {
            out.append(" · ").append(ansi.yellow(t.inDoubt() + " in doubt"));
        }
        if (t.interrupted() > 0) {
            out.append(" · ").append(t.interrupted()).append(" interrupted");
        }
        if (quarantined > 0) {
            out.append(" · ").append(ansi.red(quarantined + " quarantined"));
        }
        if (t.unreadable() > 0) {
            out.append(" · ").append(ansi.red(t.unreadable() + " unreadable"));
        }
        return out.toString();
    }

    /** What a row's count of done over known leaves out: not started yet, interrupted by a run that died. */
    private static String notes(Status.Row row) {
        List<String> notes = new ArrayList<>(2);
        if (row.notStarted() > 0) {
            notes.add(row.notStarted() + " not started");
        }
        if (row.interrupted() > 0) {
            notes.add(row.interrupted() + " interrupted");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    static String percent(long done, long known) {
        return known == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * done / known);
    }

    /**
     * {@code HH:mm:ss} of {@code at} in {@code zone}: what a formatter of {@code at.atZone(zone)} gives,
     * from the zone's offset at that instant, as {@code atZone} takes it; a formatter and a
     * zoned date-time for each of 30,000 rows were a tenth of a repeat status.
     */
    static String time(Instant at, ZoneId zone) {
        if (at == null) {
            return "-";
        }
        long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        char[] text = new char[8];
        twoDigits(text, 0, secondOfDay / 3600);
        text[2] = ':';
        twoDigits(text, 3, secondOfDay / 60 % 60);
        text[5] = ':';
        twoDigits(text, 6, secondOfDay % 60);
        return new String(text);
    }

    private static void twoDigits(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
