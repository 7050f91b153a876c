package dev.jobstate.cli.print;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Left-aligned text columns (right-aligned where asked), widths from the plain text so colour
 * codes do not throw the alignment off.
 */
final class Table {

    private final List<String> headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();
    private final List<List<UnaryOperator<String>>> styles = new ArrayList<>();

    Table(List<String> headers, boolean... right) {
        this.headers = headers;
        this.right = right;
    }

    @SafeVarargs
    final void add(List<String> cells, UnaryOperator<String>... style) {
        rows.add(cells.toArray(String[]::new));
        // Copied into a list: keeping the generic array itself is what @SafeVarargs cannot vouch for.
        List<UnaryOperator<String>> copy = new ArrayList<>(style.length);
        for (UnaryOperator<String> each : style) {
            copy.add(each);
        }
        styles.add(copy);
    }

    String render(Ansi ansi) {
        return render(new StringBuilder(), ansi).toString();
    }

    /** Appends the table to {@code out}, line by line: a status table is 3.6 MB, each copy of it counted. */
    StringBuilder render(StringBuilder out, Ansi ansi) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        line(out, headers.toArray(String[]::new), width, null, ansi, true);
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), width, styles.get(r), ansi, false);
        }
        return out;
    }

    private void line(StringBuilder line, String[] cells, int[] width, List<UnaryOperator<String>> style,
                      Ansi ansi, boolean header) {
        int start = line.length();
        for (int c = 0; c < cells.length; c++) {
            boolean last = c == cells.length - 1;
            int pad = width[c] - cells[c].length();
            boolean alignRight = c < right.length && right[c];
            String text = cells[c];
            if (header) {
                text = ansi.bold(text);
            } else if (style != null && c < style.size() && style.get(c) != null) {
                text = style.get(c).apply(text);
            }
            if (alignRight) {
                spaces(line, pad).append(text);
            } else {
                line.append(text);
                if (!last) {
                    spaces(line, pad);
                }
            }
            if (!last) {
                line.append("  ");
            }
        }
        // What String.stripTrailing would leave of the line (whitespace is never a surrogate).
        int end = line.length();
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        line.setLength(end);
        line.append('\n');
    }

    private static StringBuilder spaces(StringBuilder line, int count) {
        for (int i = 0; i < count; i++) {
            line.append(' ');
        }
        return line;
    }
}
