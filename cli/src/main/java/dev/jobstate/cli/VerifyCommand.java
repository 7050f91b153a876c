package dev.jobstate.cli;

import dev.jobstate.cli.farm.StateDir;
import dev.jobstate.cli.farm.Verify;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Reads every state file and lists those that are not valid, with the reason.", "",
                "Exit code 1 if any is left (after --repair, those it could not set aside)."})
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    StateDirOptions state;

    @Option(names = "--repair", description = "Rename unreadable files aside as <name>.corrupt-<time>, as the agent does.")
    boolean repair;

    @Override
    public Integer call() throws IOException {
        if (state.usesPostgres()) {
            // Rows cannot be corrupt the way a file can: the server checks every one's shape.
            state.farm(false);
            System.out.println("verify checks state files, and the config keeps state in " + state.describe()
                    + " (reachable, jobstate's tables present)"
                    + "; pass --dir <folder> to verify a state folder (such as the agent's fallback folder, "
                    + state.config().stateDir() + ")");
            return 0;
        }
        StateDir dir = state.stateDir();
        Verify.Result result = new Verify(dir, Clock.systemUTC()).run(repair, new Console().progress("verify"));
        PrintStream out = System.out;
        for (Verify.Problem p : result.problems()) {
            out.println(dir.root().relativize(p.file()) + ": " + p.reason()
                    + (p.repairedTo() == null ? "" : " (kept as " + p.repairedTo().getFileName() + ")"));
        }
        out.printf("%,d state files checked, %,d %s%s%n", result.files(), result.problems().size(),
                result.problems().size() == 1 ? "problem" : "problems",
                repair ? ", " + (result.problems().size() - result.unresolved()) + " set aside" : "");
        return result.unresolved() > 0 ? CliError.PROBLEMS : 0;
    }
}
