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
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), width, null, ansi, true);
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), width, styles.get(r), ansi, false);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width, List<UnaryOperator<String>> style,
                      Ansi ansi, boolean header) {
        StringBuilder line = new StringBuilder();
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
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static StringBuilder spaces(StringBuilder line, int count) {
        for (int i = 0; i < count; i++) {
            line.append(' ');
        }
        return line;
    }
}
