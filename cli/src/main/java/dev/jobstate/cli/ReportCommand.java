package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.FarmReport;
import dev.jobstate.cli.farm.ReportCollector;
import dev.jobstate.cli.print.HtmlReport;
import dev.jobstate.core.config.AccountDays;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes an offline HTML report of the last days.", "",
                "One self-contained file (inline SVG charts, no scripts, no network): completion per account",
                "per day, the activities that fail most, durations per type, and today's unfinished and",
                "failed activities; first, today as status counts it: not started, in doubt, interrupted,",
                "given up, quarantined."})
final class ReportCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--out", required = true, paramLabel = "<file.html>", description = "Where to write the report.")
    Path out;

    @Mixin
    DaysOption range;

    @Override
    public Integer call() throws IOException {
        LocalDate to = state.latestToday();
        Farm farm = state.farm();
        AccountDays days = state.days();
        Instant now = Instant.now();
        FarmReport report = new ReportCollector(farm, Clock.systemUTC())
                .todayOf(account -> days.dateOf(account, now))
                .collect(range.firstDay(to), to, progress("report"));
        DayStatus today = DayStatus.read(state, null, null, null, progress("today"));
        Path target = out.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, HtmlReport.render(report, today.status(), today.quarantined(), today.ownDays(),
                state.zone()), StandardCharsets.UTF_8);
        out().printf("wrote %s: %,d accounts, %,d %s, %s to %s%n", out, report.accounts(),
                report.files(), farm.unit().kind(), report.from(), report.to());
        if (!report.unreadable().isEmpty()) {
            out().printf("%,d state files could not be read; run jobstate verify%n", report.unreadable().size());
            return CliError.PROBLEMS;
        }
        return 0;
    }
}
