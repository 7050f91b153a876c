package dev.jobstate.cli.print;

import java.util.Locale;

/** Escaping and number formatting for hand-written SVG and HTML. */
public final class Svg {

    private Svg() {
    }

    /** {@code text} as HTML text or an attribute's value: every character that could end either is escaped. */
    public static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Red through amber to green for 0 to 1; the same scale in the legend. */
    static String rateColour(double rate) {
        double r = Math.max(0, Math.min(1, rate));
        int[] red = {220, 38, 38};
        int[] amber = {245, 158, 11};
        int[] green = {22, 163, 74};
        int[] from = r < 0.5 ? red : amber;
        int[] to = r < 0.5 ? amber : green;
        double t = r < 0.5 ? r / 0.5 : (r - 0.5) / 0.5;
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(from[0], to[0], t), mix(from[1], to[1], t),
                mix(from[2], to[2], t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
}
