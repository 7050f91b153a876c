package dev.jobstate.cli;

import dev.jobstate.cli.farm.Prune;
import dev.jobstate.cli.farm.StateDir;
import dev.jobstate.core.store.postgres.PgDays;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Deletes state files older than an age.", "",
                "By the date in their name, not their mtime; says what it removed and the space freed.",
                "With PostgreSQL, deletes the rows of days dated before the cut-off (backups stay)."})
final class PruneCommand implements Callable<Integer> {

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
        LocalDate before = state.today().minusDays(days);
        if (state.usesPostgres()) {
            return pruneRows(before);
        }
        StateDir dir = state.stateDir();
        List<Prune.Removed> removed = new Prune(dir).run(before, dryRun, new Console().progress("prune"));
        PrintStream out = System.out;
        long bytes = 0;
        for (Prune.Removed r : removed) {
            out.println((dryRun ? "would remove " : "removed ") + dir.root().relativize(r.file().file()));
            bytes += r.bytes();
        }
        out.printf("%s %,d %s dated before %s, %s%n", dryRun ? "would remove" : "removed", removed.size(),
                removed.size() == 1 ? "file" : "files", before, (dryRun ? "would free " : "freed ") + size(bytes));
        return 0;
    }

    private int pruneRows(LocalDate before) throws IOException {
        List<PgDays.Pruned> pruned = state.farm(false).prune(before, dryRun);
        PrintStream out = System.out;
        long rows = 0;
        for (PgDays.Pruned p : pruned) {
            out.println((dryRun ? "would remove " : "removed ") + p.day().account() + " " + p.day().type() + " "
                    + p.day().date() + " (" + p.rows() + (p.rows() == 1 ? " row)" : " rows)"));
            rows += p.rows();
        }
        out.printf("%s %,d %s dated before %s, %,d %s%n", dryRun ? "would remove" : "removed", pruned.size(),
                pruned.size() == 1 ? "day" : "days", before, rows, rows == 1 ? "row" : "rows");
        return 0;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
