package dev.jobstate.cli.serve;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * The console's side of a failure: its details (the stack trace) on stderr, once per distinct
 * failure, so a database that stays down is said once and not every second. A page only ever gets
 * the short reason.
 */
final class ErrorLog {

    private static final int REMEMBERED = 1000;

    private final PrintWriter err;
    private final Redactor redactor;
    private final Set<String> said = new HashSet<>();

    ErrorLog(PrintWriter err, Redactor redactor) {
        this.err = err;
        this.redactor = redactor;
    }

    /** Says {@code e} with its stack trace unless a failure of the same kind and message was said. */
    void once(String context, Throwable e) {
        String key = e.getClass().getName() + ": " + e.getMessage();
        synchronized (this) {
            if (said.size() >= REMEMBERED || !said.add(key)) {
                return;
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.println(redactor.apply("jobstate serve: " + context + ": " + Reasons.of(e)));
            err.print(redactor.apply(trace.toString()));
            err.flush();
        }
    }

    /** A line for the operator, not a failure. */
    synchronized void say(String line) {
        err.println(redactor.apply("jobstate serve: " + line));
        err.flush();
    }

    /** What was said is forgotten, so the same failure after a recovery is said again. */
    synchronized void forget() {
        said.clear();
    }
}
