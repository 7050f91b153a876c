package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Verify;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Reads every state file and lists those that are not valid, with the reason.", "",
                "Exit code 1 if any is left (after --repair, those it could not set aside)."})
final class VerifyCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Option(names = "--repair", description = "Rename unreadable files aside as <name>.corrupt-<time>, as the agent does.")
    boolean repair;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        Verify.Result result;
        try {
            result = state.farm().verify(repair, progress("verify"));
        } catch (Farm.Unsupported e) {
            out.println(e.getMessage());
            return 0;
        }
        for (Verify.Problem p : result.problems()) {
            out.println(p.name() + ": " + p.reason()
                    + (p.repairedTo() == null ? "" : " (kept as " + p.repairedTo().getFileName() + ")"));
        }
        out.printf("%,d state files checked, %,d %s%s%n", result.files(), result.problems().size(),
                result.problems().size() == 1 ? "problem" : "problems",
                repair ? ", " + (result.problems().size() - result.unresolved()) + " set aside" : "");
        return result.unresolved() > 0 ? CliError.PROBLEMS : 0;
    }
}
