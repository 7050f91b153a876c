package dev.jobstate.cli.print;

/** Colour for a terminal, nothing for a pipe or a file: the same text either way. */
public record Ansi(boolean on) {

    public static final Ansi OFF = new Ansi(false);

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
