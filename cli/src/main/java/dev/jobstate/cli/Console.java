package dev.jobstate.cli;

import dev.jobstate.cli.farm.Progress;
import dev.jobstate.cli.print.Ansi;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the CLI knows about where its output goes: colour and progress only on a terminal, so pipes
 * and files get plain, stable text.
 */
final class Console {

    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

    private final boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;

    Ansi ansi() {
        return new Ansi(terminal);
    }

    boolean isTerminal() {
        return terminal;
    }

    /** "verify: 1,234/10,000 folders" on stderr, rewritten in place; nothing when not a terminal. */
    Progress progress(String what) {
        if (!terminal) {
            return Progress.NONE;
        }
        AtomicLong next = new AtomicLong(System.nanoTime());
        PrintStream err = System.err;
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
        if (System.console() == null) {
            return false;
        }
        String answer = System.console().readLine("%s [y/N] ", question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
