package dev.jobstate.cli;

import dev.jobstate.cli.farm.Marks;
import dev.jobstate.core.model.DayKey;
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
        DayKey key = target.key(state);
        Marks marks = state.marks();
        if (marks.unmark(key, target.id) == Marks.Outcome.ALREADY_SO) {
            throw new CliError(CliError.PROBLEMS, target.id + " is neither completed nor failed for " + key.account() + " "
                    + key.type() + " on " + key.date() + "; nothing changed");
        }
        out().println("unmarked " + target.id + " for " + key.account() + " " + key.type() + " on "
                + key.date() + ": it runs again");
        return 0;
    }
}
