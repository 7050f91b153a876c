package dev.jobstate.cli.print;

import dev.jobstate.cli.farm.Status;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of a status's rows, laid out as {@link Table} lays out any table (widths from the plain
 * text, the same alignment, colours and trimmed line ends), but written straight from the rows. A
 * status prints 30,000 of them once per process, mostly in the interpreter, where a list of cells
 * and a list of styles per row, a string per cell and a call per padding space were most of
 * rendering it.
 */
final class StatusTable {

    private static final String[] HEADERS = {"ACCOUNT", "TYPE", "DONE", "RATE", "FAILED", "LAST UPDATE"};
    private static final String SPACES = " ".repeat(64);
    private static final String GAP = "  ";
    private static final String NOT_STARTED = " not started";
    private static final String INTERRUPTED = " interrupted";
    /** Rates of rows whose counts are both under this are kept in an array, not a map of boxed keys. */
    private static final int SMALL = 128;

    private StatusTable() {
    }

    /** Appends the table of {@code rows} (at least one) to {@code out}, and returns it. */
    static StringBuilder render(StringBuilder out, List<Status.Row> rows, ZoneId zone, Ansi ansi) {
        int count = rows.size();
        String[] rates = new String[count];
        String[] small = new String[SMALL * SMALL];
        Map<Long, String> large = new HashMap<>();
        // Widths of the columns but the last, which is never padded; at least their headers'.
        int account = HEADERS[0].length();
        int type = HEADERS[1].length();
        int done = HEADERS[2].length();
        int rate = HEADERS[3].length();
        int failed = HEADERS[4].length();
        for (int i = 0; i < count; i++) {
            Status.Row row = rows.get(i);
            account = Math.max(account, row.account().length());
            type = Math.max(type, row.type().length());
            if (row.problem() != null) {
                rates[i] = "-";
                done = Math.max(done, 1);
                rate = Math.max(rate, 1);
                failed = Math.max(failed, 1);
                continue;
            }
            rates[i] = rate(row.completed(), row.known(), small, large);
            done = Math.max(done, doneLength(row));
            rate = Math.max(rate, rates[i].length());
            failed = Math.max(failed, digits(row.failed().size()));
        }
        int[] widths = {account, type, done, rate, failed};
        int start = out.length();
        for (int c = 0; c < HEADERS.length; c++) {
            boolean right = c >= 2 && c <= 4;
            boolean last = c == HEADERS.length - 1;
            int pad = last ? 0 : widths[c] - HEADERS[c].length();
            if (right) {
                pad(out, pad);
            }
            out.append(ansi.bold(HEADERS[c]));
            if (!last) {
                if (!right) {
                    pad(out, pad);
                }
                out.append(GAP);
            }
        }
        endLine(out, start);
        for (int i = 0; i < count; i++) {
            Status.Row row = rows.get(i);
            start = out.length();
            out.append(row.account());
            pad(out, account - row.account().length());
            out.append(GAP).append(row.type());
            pad(out, type - row.type().length());
            out.append(GAP);
            if (row.problem() != null) {
                pad(out, done - 1);
                out.append('-').append(GAP);
                pad(out, rate - 1);
                out.append('-').append(GAP);
                pad(out, failed - 1);
                out.append('-').append(GAP).append(ansi.red("unreadable: " + row.problem()));
                endLine(out, start);
                continue;
            }
            pad(out, done - doneLength(row));
            appendDone(out, row).append(GAP);
            // The rate is what is green when all is done, yellow when not.
            pad(out, rate - rates[i].length());
            out.append(row.completed() == row.known() ? ansi.green(rates[i]) : ansi.yellow(rates[i])).append(GAP);
            int failures = row.failed().size();
            pad(out, failed - digits(failures));
            if (failures > 0 && ansi.on()) {
                out.append(ansi.red(String.valueOf(failures)));
            } else {
                out.append(failures);
            }
            out.append(GAP);
            StatusText.appendTime(out, row.lastUpdate(), zone);
            endLine(out, start);
        }
        return out;
    }

    /** {@code completed/known}, then what it leaves out: " (2 not started, 1 interrupted)". */
    private static StringBuilder appendDone(StringBuilder out, Status.Row row) {
        out.append(row.completed()).append('/').append(row.known());
        if (row.notStarted() > 0 || row.interrupted() > 0) {
            out.append(" (");
            if (row.notStarted() > 0) {
                out.append(row.notStarted()).append(NOT_STARTED);
            }
            if (row.interrupted() > 0) {
                out.append(row.notStarted() > 0 ? ", " : "").append(row.interrupted()).append(INTERRUPTED);
            }
            out.append(')');
        }
        return out;
    }

    /** The length of what {@link #appendDone} appends, without making it. */
    static int doneLength(Status.Row row) {
        int length = digits(row.completed()) + 1 + digits(row.known());
        if (row.notStarted() > 0) {
            length += digits(row.notStarted()) + NOT_STARTED.length();
        }
        if (row.interrupted() > 0) {
            length += digits(row.interrupted()) + INTERRUPTED.length() + (row.notStarted() > 0 ? 2 : 0);
        }
        return row.notStarted() > 0 || row.interrupted() > 0 ? length + 3 : length;
    }

    /** The length of {@code String.valueOf(value)}. */
    static int digits(long value) {
        if (value < 0) {
            return 1 + digits(-value);
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Rows share a few dozen done/known pairs: each one's percentage is formatted once. */
    private static String rate(int completed, int known, String[] small, Map<Long, String> large) {
        if (completed >= 0 && known >= 0 && completed < SMALL && known < SMALL) {
            int at = completed * SMALL + known;
            String rate = small[at];
            if (rate == null) {
                rate = StatusText.percent(completed, known);
                small[at] = rate;
            }
            return rate;
        }
        return large.computeIfAbsent((long) completed << 32 | known & 0xffffffffL,
                pair -> StatusText.percent(completed, known));
    }

    private static void pad(StringBuilder out, int count) {
        for (int left = count; left > 0; left -= SPACES.length()) {
            out.append(SPACES, 0, Math.min(left, SPACES.length()));
        }
    }

    /** What {@code String.stripTrailing} would leave of the line since {@code start}, then a newline. */
    private static void endLine(StringBuilder out, int start) {
        int end = out.length();
        while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }
}
