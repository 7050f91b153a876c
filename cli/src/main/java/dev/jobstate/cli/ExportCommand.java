package dev.jobstate.cli;

import dev.jobstate.cli.farm.Export;
import dev.jobstate.cli.farm.PgFarm;
import dev.jobstate.cli.farm.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the PostgreSQL store's days as state files.", "",
                "Into <folder>, laid out as the file store lays it out (<account>/<type>-<date>.json), so the",
                "folder serves as --dir or as a file-store bot's state. Each file is replaced atomically; days",
                "already there are overwritten. PostgreSQL is the one the config names (jobState.store postgres)."})
final class ExportCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--to", required = true, paramLabel = "<folder>", description = "Where to write the files.")
    Path to;

    @Option(names = "--account", description = "Only this account.")
    String account;

    @Option(names = "--type", description = "Only this type of activity.")
    String type;

    @ArgGroup(exclusive = true)
    Dates dates = new Dates();

    static final class Dates {
        @Option(names = "--date", paramLabel = "today|YYYY-MM-DD", description = "Only this day.")
        String date;

        @Option(names = "--days", paramLabel = "<n>", description = "Only the last n days, today included.")
        Integer days;
    }

    @Override
    public Integer call() throws IOException {
        state.requirePostgres("export");
        LocalDate from = null;
        LocalDate until = null;
        if (dates.date != null) {
            from = state.date(dates.date, account);
            until = from;
        } else if (dates.days != null) {
            until = state.latestToday();
            from = DaysOption.firstDay(dates.days, until);
        }
        PgFarm farm = state.postgres(false);
        Export.Result result = new Export(farm)
                .to(to.toAbsolutePath().normalize(), new Scope(account, type, from, until), progress("export"));
        out().printf("exported %,d %s of %,d %s from %s to %s%n", result.days(), result.days() == 1 ? "day" : "days",
                result.accounts(), result.accounts() == 1 ? "account" : "accounts", farm.where(), to);
        return 0;
    }
}
