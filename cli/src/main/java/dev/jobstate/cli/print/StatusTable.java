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

    /**
     * Appends the table of {@code rows} (at least one) to {@code out}, and returns it. Each row is
     * measured and written by a method of its own: a loop of 30,000 turns that runs once stays in
     * the interpreter to its end, while a method called for each row is compiled after a few hundred.
     */
    static StringBuilder render(StringBuilder out, List<Status.Row> rows, ZoneId zone, Ansi ansi) {
        int count = rows.size();
        String[] rates = new String[count];
        Rates known = new Rates();
        // Widths of the columns but the last, which is never padded; at least their headers'.
        int[] widths = new int[HEADERS.length - 1];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADERS[c].length();
        }
        for (int i = 0; i < count; i++) {
            rates[i] = measure(rows.get(i), widths, known);
        }
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
            appendRow(out, rows.get(i), rates[i], widths, zone, ansi);
        }
        return out;
    }

    /** Widens {@code widths} to {@code row}'s cells; returns its rate. */
    private static String measure(Status.Row row, int[] widths, Rates rates) {
        widths[0] = Math.max(widths[0], row.account().length());
        widths[1] = Math.max(widths[1], row.type().length());
        if (row.problem() != null) {
            widths[2] = Math.max(widths[2], 1);
            widths[3] = Math.max(widths[3], 1);
            widths[4] = Math.max(widths[4], 1);
            return "-";
        }
        String rate = rates.of(row.completed(), row.known());
        widths[2] = Math.max(widths[2], doneLength(row));
        widths[3] = Math.max(widths[3], rate.length());
        widths[4] = Math.max(widths[4], digits(row.failed().size()));
        return rate;
    }

    private static void appendRow(StringBuilder out, Status.Row row, String rate, int[] widths, ZoneId zone,
                                  Ansi ansi) {
        int start = out.length();
        out.append(row.account());
        pad(out, widths[0] - row.account().length());
        out.append(GAP).append(row.type());
        pad(out, widths[1] - row.type().length());
        out.append(GAP);
        if (row.problem() != null) {
            pad(out, widths[2] - 1);
            out.append('-').append(GAP);
            pad(out, widths[3] - 1);
            out.append('-').append(GAP);
            pad(out, widths[4] - 1);
            out.append('-').append(GAP).append(ansi.red("unreadable: " + row.problem()));
            endLine(out, start);
            return;
        }
        pad(out, widths[2] - doneLength(row));
        appendDone(out, row).append(GAP);
        // The rate is what is green when all is done, yellow when not.
        pad(out, widths[3] - rate.length());
        out.append(row.completed() == row.known() ? ansi.green(rate) : ansi.yellow(rate)).append(GAP);
        int failures = row.failed().size();
        pad(out, widths[4] - digits(failures));
        if (failures > 0 && ansi.on()) {
            out.append(ansi.red(String.valueOf(failures)));
        } else {
            out.append(failures);
        }
        out.append(GAP);
        StatusText.appendTime(out, row.lastUpdate(), zone);
        endLine(out, start);
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
    private static final class Rates {
        /** Pairs both under {@link #SMALL}, in an array: no boxed key for most rows. */
        private final String[] small = new String[SMALL * SMALL];
        private final Map<Long, String> large = new HashMap<>();

        String of(int completed, int known) {
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
