package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Deletes state files older than an age.", "",
                "By the date in their name, not their mtime; says what it removed and the space freed.",
                "With PostgreSQL, deletes the rows of days dated before the cut-off (backups stay)."})
final class PruneCommand extends OperatorCommand {

    private static final Pattern AGE = Pattern.compile("(\\d+)([dw])");

    @Mixin
    StateDirOptions state;

    @Option(names = "--older-than", required = true, paramLabel = "<age>",
            description = "Like 7d or 2w: files dated more than that many days before today go.")
    String olderThan;

    @Option(names = "--dry-run", description = "Say what would be removed, remove nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        Matcher m = AGE.matcher(olderThan.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CliError.usage("--older-than '" + olderThan + "' is not an age like 7d or 2w");
        }
        long days = Long.parseLong(m.group(1)) * (m.group(2).equals("w") ? 7 : 1);
        LocalDate before = state.earliestToday().minusDays(days);
        Farm farm = state.farm();
        Farm.Pruned pruned = farm.prune(before, dryRun, progress("prune"));
        PrintWriter out = out();
        String verb = dryRun ? "would remove" : "removed";
        pruned.removed().forEach(line -> out.println(verb + " " + line));
        int count = pruned.removed().size();
        out.printf("%s %,d %s dated before %s, %s%n", verb, count, farm.unit().of(count), before, pruned.measure());
        return 0;
    }
}
