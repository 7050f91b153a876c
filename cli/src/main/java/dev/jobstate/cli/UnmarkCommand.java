package dev.jobstate.cli;

import dev.jobstate.cli.farm.Actions;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "unmark", mixinStandardHelpOptions = true,
        description = {"Makes a completed activity run again.", "",
                "It moves to remaining. Safe while the bot runs: the bot sees it within a second (a few with",
                "PostgreSQL) and its later checkpoints do not bring it back. A failed activity gets its",
                "attempts back: one jobstate gave up on (@Activity(maxAttempts)) runs again today."})
final class UnmarkCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Mixin
    MarkOptions target;

    @Override
    public Integer call() throws IOException {
        try {
            out().println(Actions.unmark(state.marks(), target.key(state), target.id));
        } catch (Actions.NothingChanged e) {
            throw new CliError(CliError.PROBLEMS, e.getMessage());
        }
        return 0;
    }
}
