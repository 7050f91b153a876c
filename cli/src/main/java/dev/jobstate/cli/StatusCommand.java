package dev.jobstate.cli;

import dev.jobstate.cli.farm.Progress;
import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import dev.jobstate.cli.print.StatusJson;
import dev.jobstate.cli.print.StatusText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"How each account stands on a day.", "",
                "Per account and type: completed/known, failed activities with their last error; then totals.",
                "Exit code 1 when a state file cannot be read."})
final class StatusCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--date", paramLabel = "today|YYYY-MM-DD", description = "The day (default: today; today and yesterday are each account's own, see jobState.accounts).")
    String date;

    @Option(names = "--account", description = "Only this account.")
    String account;

    @Option(names = "--type", description = "Only this type of activity.")
    String type;

    @Option(names = "--json", description = "Machine-readable output (format: \"status --json\" in docs/operating.md).")
    boolean json;

    @Option(names = "--watch", description = "Refresh until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "<seconds>", defaultValue = "2",
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    int interval;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (interval < 1) {
            throw CliError.usage("--interval must be at least 1 second");
        }
        PrintWriter out = out();
        Console console = console();
        while (true) {
            Progress progress = watch ? Progress.NONE : progress("status");
            DayStatus day = DayStatus.read(state, date, account, type, progress);
            Status status = day.status();
            List<Quarantines.Quarantined> quarantined = day.quarantined();
            String heading = day.ownDays() ? "Each account's own " + (date == null ? "today" : date.toLowerCase(Locale.ROOT))
                    + " (jobState.accounts); other accounts: " + status.date() + "\n" : "";
            if (!watch) {
                if (json) {
                    out.print(StatusJson.render(status, quarantined));
                } else {
                    out.print(heading);
                    StatusText.print(status, quarantined, state.zone(), console.ansi(), out);
                }
                return status.totals().unreadable() > 0 ? CliError.PROBLEMS : 0;
            }
            String text = json ? StatusJson.render(status, quarantined)
                    : heading + StatusText.render(status, quarantined, state.zone(), console.ansi());
            // Home and clear, then the whole frame at once, so the table does not flicker.
            out.print((console.isTerminal() ? "\u001b[H\u001b[2J" : "") + "jobstate status · every " + interval
                    + " s · Ctrl-C to stop\n\n" + text);
            out.flush();
            TimeUnit.SECONDS.sleep(interval);
        }
    }
}
