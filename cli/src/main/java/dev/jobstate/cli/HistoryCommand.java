package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.History;
import dev.jobstate.cli.print.HistoryText;
import java.io.IOException;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "One account over the last days: completion per day and the activities that fail most.")
final class HistoryCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--account", required = true, description = "The account.")
    String account;

    @Mixin
    DaysOption range;

    @Override
    public Integer call() throws IOException {
        LocalDate to = state.today(account);
        Farm farm = state.farm();
        History history = History.of(farm, account, range.firstDay(to), to);
        if (history.days().stream().allMatch(d -> d.files() == 0)) {
            throw new CliError(CliError.PROBLEMS, "no " + farm.unit().kind() + " for account '" + account
                    + "' in the last " + range.days + " days");
        }
        out().print(HistoryText.render(history, state.zone(), console().ansi()));
        return history.unreadable().isEmpty() ? 0 : CliError.PROBLEMS;
    }
}
