package dev.jobstate.agent.cli;

/** A failure the operator can act on: printed as one line, with its exit code, never a stack trace. */
final class CliError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    final int exitCode;

    CliError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliError usage(String message) {
        return new CliError(USAGE, message);
    }
}
