package dev.jobstate.cli;

import dev.jobstate.cli.farm.History;
import dev.jobstate.cli.print.HistoryText;
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

    @Mixin
    DaysOption range;

    @Override
    public Integer call() throws IOException {
        LocalDate to = state.today();
        History history = History.of(state.source(), account, range.firstDay(to), to);
        if (history.days().stream().allMatch(d -> d.files() == 0)) {
            throw new CliError(CliError.PROBLEMS, (state.usesPostgres() ? "no days" : "no state files") + " for account '" + account + "' in the last "
                    + range.days + " days");
        }
        System.out.print(HistoryText.render(history, state.zone(), new Console().ansi()));
        return history.unreadable().isEmpty() ? 0 : CliError.PROBLEMS;
    }
}
