package dev.jobstate.agent.cli;

import dev.jobstate.core.farm.History;
import dev.jobstate.core.farm.print.HistoryText;
import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "One account over the last days: completion per day and the activities that fail most.")
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    StateDirOptions state;

    @Option(names = "--account", required = true, description = "The account.")
    String account;

    @Option(names = "--days", defaultValue = "30", description = "How many days, today included (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws IOException {
        if (days < 1) {
            throw CliError.usage("--days must be at least 1");
        }
        LocalDate to = state.today();
        History history = History.of(state.stateDir(), account, to.minusDays(days - 1L), to);
        if (history.days().stream().allMatch(d -> d.files() == 0)) {
            throw new CliError(CliError.PROBLEMS, "no state files for account '" + account + "' in the last "
                    + days + " days");
        }
        System.out.print(HistoryText.render(history, state.zone(), new Console().ansi()));
        return history.unreadable().isEmpty() ? 0 : CliError.PROBLEMS;
    }
}
