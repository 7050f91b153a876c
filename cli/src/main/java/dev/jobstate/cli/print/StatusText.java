package dev.jobstate.cli.print;

import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

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
        List<String> parts = parts(status, quarantined, zone, ansi);
        return parts.size() == 1 ? parts.get(0) : parts.get(0) + parts.get(1);
    }

    /**
     * Prints what {@link #render} returns, in two parts: the table, which is Latin-1 text for most
     * farms, then the sections after it, whose marks are not. As one string the table would be
     * copied into two bytes a character (3.6 MB of it becoming 7.2 MB) and scanned again.
     */
    public static void print(Status status, List<Quarantines.Quarantined> quarantined, ZoneId zone, Ansi ansi,
                             PrintWriter out) {
        for (String part : parts(status, quarantined, zone, ansi)) {
            out.print(part);
        }
    }

    /** The text: the table, then (unless there are no rows) the sections and totals after it. */
    private static List<String> parts(Status status, List<Quarantines.Quarantined> quarantined, ZoneId zone,
                                      Ansi ansi) {
        if (status.rows().isEmpty()) {
            return List.of("No state files for " + status.date() + ".\n");
        }
        String table = StatusTable.render(new StringBuilder(128 * status.rows().size() + 1024), status.rows(),
                zone, ansi).toString();
        StringBuilder out = new StringBuilder();
        // Each row's lines by a method of its own, which is compiled after a few hundred rows; the
        // loop itself runs once, in the interpreter.
        StringBuilder failures = new StringBuilder();
        for (Status.Row row : status.rows()) {
            appendFailures(failures, row, zone, ansi);
        }
        if (!failures.isEmpty()) {
            out.append('\n').append(ansi.bold("Failed")).append('\n').append(failures);
        }
        StringBuilder inDoubt = new StringBuilder();
        for (Status.Row row : status.rows()) {
            appendInDoubt(inDoubt, row, zone, ansi);
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
        out.append('\n').append(ansi.bold("Total")).append(' ')
                .append(totals(status.totals(), quarantined.size(), ansi)).append('\n');
        return List.of(table, out.toString());
    }

    private static void appendFailures(StringBuilder out, Status.Row row, ZoneId zone, Ansi ansi) {
        for (Status.Failed f : row.failed()) {
            out.append("  ").append(ansi.red("✗")).append(' ').append(row.account()).append(' ')
                    .append(row.type()).append(' ').append(f.id()).append(": ")
                    .append(f.failure().exception())
                    .append(f.failure().message() == null ? "" : ": " + f.failure().message())
                    .append(" (").append(f.failure().attempts())
                    .append(f.failure().attempts() == 1 ? " attempt" : " attempts")
                    .append(f.failure().gaveUp() ? ", " + ansi.bold("given up") : "").append(", last ");
            appendTime(out, f.failure().at(), zone).append(")\n");
        }
    }

    private static void appendInDoubt(StringBuilder out, Status.Row row, ZoneId zone, Ansi ansi) {
        for (Status.InDoubt d : row.inDoubt()) {
            out.append("  ").append(ansi.yellow("?")).append(' ').append(row.account()).append(' ')
                    .append(row.type()).append(' ').append(d.id()).append(": started ")
                    .append(time(d.startedAt(), zone)).append(", never ended\n");
        }
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

    static String percent(long done, long known) {
        return known == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * done / known);
    }

    /**
     * {@code HH:mm:ss} of {@code at} in {@code zone}: what a formatter of {@code at.atZone(zone)} gives,
     * from the zone's offset at that instant, as {@code atZone} takes it; a formatter and a
     * zoned date-time for each of 30,000 rows were a tenth of a repeat status.
     */
    static String time(Instant at, ZoneId zone) {
        return at == null ? "-" : appendTime(new StringBuilder(8), at, zone).toString();
    }

    /** {@link #time} appended to {@code out}, with no string of its own: the table writes 30,000. */
    static StringBuilder appendTime(StringBuilder out, Instant at, ZoneId zone) {
        if (at == null) {
            return out.append('-');
        }
        long local = at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds();
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        twoDigits(out, secondOfDay / 3600).append(':');
        twoDigits(out, secondOfDay / 60 % 60).append(':');
        return twoDigits(out, secondOfDay % 60);
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
