package dev.jobstate.cli;

import dev.jobstate.cli.farm.Actions;
import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Starts an account's days afresh.", "",
                "Files are moved into <state dir>/.backup/<time>/ (listed), or deleted with --purge. Safe while",
                "the bot runs: it sees the reset within a second (a few with PostgreSQL) and cannot put back what",
                "it had done before.",
                "With PostgreSQL, a day's rows are copied into activity_backup (not with --purge) and deleted."})
final class ResetCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--account", required = true, description = "The account.")
    String account;

    @Option(names = "--type", description = "Only this type (default: all types).")
    String type;

    @ArgGroup(exclusive = true)
    Dates dates = new Dates();

    static final class Dates {
        @Option(names = "--date", paramLabel = "today|YYYY-MM-DD", description = "The day (default: today).")
        String date;

        @Option(names = "--all-dates", description = "Every day of the account.")
        boolean all;
    }

    @Option(names = "--dry-run", description = "Say what would be reset, change nothing.")
    boolean dryRun;

    @Option(names = "--purge", description = "Delete instead of moving to the backup folder.")
    boolean purge;

    @Option(names = {"--yes", "-y"}, description = "Do not ask before --purge.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        LocalDate day = dates.all ? null : state.date(dates.date, account);
        Farm farm = state.farm();
        Scope scope = new Scope(account, type, day, day);
        Farm.ResetPlan plan = farm.planReset(scope);
        Farm.Unit unit = farm.unit();
        List<String> items = plan.items();
        PrintWriter out = out();
        if (items.isEmpty()) {
            out.println(Actions.nothingToReset(farm, scope));
            return 0;
        }
        if (dryRun) {
            out.println("would reset " + Actions.count(items.size(), unit) + ":");
            items.forEach(item -> out.println("  " + item));
            return 0;
        }
        if (!purgeConfirmed(items.size(), unit)) {
            out.println("nothing deleted");
            return 0;
        }
        Actions.resetDone(plan.apply(purge, state.today(account)), unit, purge).forEach(out::println);
        return 0;
    }

    /** True unless --purge was asked for and not confirmed (by --yes or on the terminal). */
    private boolean purgeConfirmed(int count, Farm.Unit unit) {
        if (!purge || yes) {
            return true;
        }
        Console console = console();
        if (!console.isTerminal()) {
            throw CliError.usage("--purge deletes " + count + " " + unit.many() + " for good; add --yes to confirm");
        }
        return console.confirm("delete " + count + " " + unit.kind() + " of " + account + " for good?");
    }
}
