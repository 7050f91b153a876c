package dev.jobstate.cli;

/** {@code export} and {@code import} move days between files and the database the config names. */
final class PostgresOnly {

    private PostgresOnly() {
    }

    static void check(StateDirOptions state, String command) {
        if (state.dir != null) {
            throw CliError.usage(command + " works on the PostgreSQL store the config names; --dir names a"
                    + " state folder, use --" + (command.equals("export") ? "to" : "from") + " <folder>");
        }
        if (!state.usesPostgres()) {
            throw CliError.usage(command + " needs PostgreSQL: the config (" + state.config().source()
                    + ") uses the file store; set \"jobState.store\": \"postgres\" and \"jobState.postgres\","
                    + " or pass --config <file>");
        }
    }
}
