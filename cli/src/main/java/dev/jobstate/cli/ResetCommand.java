package dev.jobstate.cli;

import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.cli.farm.PgFarm;
import dev.jobstate.cli.farm.Reset;
import dev.jobstate.cli.farm.Scope;
import dev.jobstate.cli.farm.StateDir;
import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
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
final class ResetCommand implements Callable<Integer> {

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
        LocalDate day = dates.all ? null : state.date(dates.date);
        Scope scope = new Scope(account, type, day, day);
        if (state.usesPostgres()) {
            return resetRows(state.farm(false), scope);
        }
        StateDir dir = state.stateDir();
        Reset reset = new Reset(dir);
        List<DayFileRef> plan = reset.plan(scope);
        PrintStream out = System.out;
        if (plan.isEmpty()) {
            out.println("nothing to reset: no state files for " + account + (type == null ? "" : " " + type)
                    + (day == null ? "" : " on " + day));
            return 0;
        }
        if (dryRun) {
            out.println("would reset " + plan.size() + (plan.size() == 1 ? " file:" : " files:"));
            plan.forEach(ref -> out.println("  " + dir.root().relativize(ref.file())));
            return 0;
        }
        if (!purgeConfirmed(plan.size(), "files", "state files")) {
            out.println("nothing deleted");
            return 0;
        }
        Instant now = Instant.now();
        List<Reset.Done> done = reset.apply(plan, purge, now, state.today());
        if (purge) {
            out.println("deleted " + done.size() + (done.size() == 1 ? " file:" : " files:"));
            done.forEach(d -> out.println("  " + dir.root().relativize(d.file().file())));
        } else {
            out.println("reset " + done.size() + (done.size() == 1 ? " file" : " files") + "; kept in "
                    + reset.backupFolder(now) + ":");
            done.forEach(d -> out.println("  " + dir.root().relativize(d.movedTo() == null ? d.file().file() : d.movedTo())));
        }
        return 0;
    }

    private int resetRows(PgFarm farm, Scope scope) throws IOException {
        List<DayKey> plan = farm.plan(scope);
        PrintStream out = System.out;
        if (plan.isEmpty()) {
            out.println("nothing to reset: no days for " + account + (type == null ? "" : " " + type)
                    + (scope.from() == null ? "" : " on " + scope.from()) + " in " + state.describe());
            return 0;
        }
        if (dryRun) {
            out.println("would reset " + days(plan.size()) + ":");
            plan.forEach(key -> out.println("  " + line(key)));
            return 0;
        }
        if (!purgeConfirmed(plan.size(), "days", "days")) {
            out.println("nothing deleted");
            return 0;
        }
        List<PgFarm.ResetDay> done = farm.reset(plan, purge);
        int rows = done.stream().mapToInt(PgFarm.ResetDay::rows).sum();
        out.println((purge ? "deleted " : "reset ") + days(done.size()) + " (" + rows + (rows == 1 ? " row" : " rows")
                + (purge ? "):" : "); kept in " + farm.days().schema() + ".activity_backup:"));
        done.forEach(d -> out.println("  " + line(d.day())));
        return 0;
    }

    private static String days(int n) {
        return n + (n == 1 ? " day" : " days");
    }

    private static String line(DayKey key) {
        return key.account() + " " + key.type() + " " + key.date();
    }

    /** True unless --purge was asked for and not confirmed (by --yes or on the terminal). */
    private boolean purgeConfirmed(int count, String unit, String what) {
        if (!purge || yes) {
            return true;
        }
        Console console = new Console();
        if (!console.isTerminal()) {
            throw CliError.usage("--purge deletes " + count + " " + unit + " for good; add --yes to confirm");
        }
        return console.confirm("delete " + count + " " + what + " of " + account + " for good?");
    }
}
