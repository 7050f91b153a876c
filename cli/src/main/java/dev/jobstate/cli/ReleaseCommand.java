package dev.jobstate.cli;

import dev.jobstate.cli.farm.Actions;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Lets an account in quarantine run again today.", "",
                "Its failures until now no longer count towards jobState.quarantine.failuresPerDay: it runs",
                "until it fails that often again. Safe while the bot runs: the bot sees it within seconds."})
final class ReleaseCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--account", required = true, description = "The account.")
    String account;

    @Option(names = "--date", paramLabel = "today|YYYY-MM-DD", description = "The day (default: the account's today).")
    String date;

    @Override
    public Integer call() throws IOException {
        out().println(Actions.release(state.farm(), account, state.date(date, account),
                state.config().quarantineFailuresPerDay()));
        return 0;
    }
}
