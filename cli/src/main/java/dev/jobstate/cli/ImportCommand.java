package dev.jobstate.cli;

import dev.jobstate.cli.farm.Import;
import dev.jobstate.cli.farm.PgFarm;
import dev.jobstate.cli.farm.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Loads a state folder into the PostgreSQL store.", "",
                "Every day file is merged as the agent merges what it saved while the database was down: a",
                "grow-only union, so nothing already in the database is lost and importing again changes",
                "nothing. Files that cannot be read are listed and skipped; exit code 1 if there were any."})
final class ImportCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--from", required = true, paramLabel = "<folder>", description = "The state folder to load.")
    Path from;

    @Override
    public Integer call() throws IOException {
        state.requirePostgres("import");
        StateDir dir = new StateDir(from);
        if (!dir.exists()) {
            throw CliError.usage("no state folder at " + dir.root());
        }
        PgFarm farm = state.postgres(true);
        Import.Result result = new Import(farm).from(dir, progress("import"));
        PrintWriter out = out();
        for (Import.Problem p : result.problems()) {
            out.println("skipped " + dir.root().relativize(p.file()) + ": " + p.reason());
        }
        out.printf("imported %,d %s into %s: %,d changed it, %,d %s inserted or updated%s%n", result.days(),
                result.days() == 1 ? "day" : "days", farm.where(), result.changedDays(), result.rows(),
                result.rows() == 1 ? "row" : "rows",
                result.problems().isEmpty() ? "" : "; " + result.problems().size() + " skipped");
        return result.problems().isEmpty() ? 0 : CliError.PROBLEMS;
    }
}
