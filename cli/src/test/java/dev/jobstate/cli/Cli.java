package dev.jobstate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs jobstate command lines in process, as {@code java -jar jobstate.jar} would, and keeps what they printed. */
final class Cli {

    private Cli() {
    }

    /** What one command line did: its exit code and what it wrote to out and to err. */
    record Run(int exitCode, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** For assertion messages: everything it said. */
        String describe() {
            return "exit code " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /** With no terminal: plain text, no progress, nobody to ask. */
    static Run run(String... args) {
        return run(Console.PLAIN, args);
    }

    /** As if on {@code console}: a pretend terminal, for what only happens on one. */
    static Run run(Console console, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(console, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
