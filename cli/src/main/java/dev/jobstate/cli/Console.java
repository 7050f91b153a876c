package dev.jobstate.cli;

import dev.jobstate.cli.farm.Progress;
import dev.jobstate.cli.print.Ansi;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * What the CLI knows about where its output goes: colour, progress and questions only on a
 * terminal, so pipes, files and tests get plain, stable text.
 */
final class Console {

    /** Not a terminal: plain text, no progress, nobody to ask. What commands run in process get. */
    static final Console PLAIN = new Console(false, question -> null);

    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

    private final boolean terminal;
    private final UnaryOperator<String> ask;

    /**
     * @param terminal whether the output is a terminal a person watches
     * @param ask puts a yes/no question to that person and returns the answer, or null when there
     *     is no one to ask
     */
    Console(boolean terminal, UnaryOperator<String> ask) {
        this.terminal = terminal;
        this.ask = ask;
    }

    /** This process's: a terminal when the JVM has a console and {@code NO_COLOR} is not set. */
    static Console ofProcess() {
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
        return new Console(terminal,
                question -> System.console() == null ? null : System.console().readLine("%s [y/N] ", question));
    }

    Ansi ansi() {
        return new Ansi(terminal);
    }

    boolean isTerminal() {
        return terminal;
    }

    /** "verify: 1,234/10,000 folders" on {@code err}, rewritten in place; nothing when not a terminal. */
    Progress progress(PrintWriter err, String what) {
        if (!terminal) {
            return Progress.NONE;
        }
        AtomicLong next = new AtomicLong(System.nanoTime());
        return (done, total) -> {
            long now = System.nanoTime();
            long due = next.get();
            if (done == total || (now - due >= 0 && next.compareAndSet(due, now + PROGRESS_EVERY_NANOS))) {
                synchronized (err) {
                    err.printf("\r%s: %,d/%,d account folders%s", what, done, total, done == total ? "\r\u001b[K" : "");
                    err.flush();
                }
            }
        };
    }

    /** Asks on the terminal; false when there is none to ask. */
    boolean confirm(String question) {
        String answer = ask.apply(question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
