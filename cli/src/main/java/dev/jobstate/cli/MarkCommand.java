package dev.jobstate.cli;

import dev.jobstate.cli.farm.Marks;
import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mark", mixinStandardHelpOptions = true,
        description = {"Records an activity as completed (done by hand).", "",
                "Written with the agent's locking and atomic replace: safe while the bot runs."})
final class MarkCommand extends OperatorCommand {

    @Mixin
    StateDirOptions state;

    @Mixin
    MarkOptions target;

    @Override
    public Integer call() throws IOException {
        DayKey key = target.key(state);
        Marks marks = state.marks();
        Marks.Outcome outcome = marks.mark(key, target.id);
        out().println(outcome == Marks.Outcome.CHANGED
                ? "marked " + target.id + " completed for " + key.account() + " " + key.type() + " on " + key.date()
                : target.id + " was already completed for " + key.account() + " " + key.type() + " on " + key.date());
        return 0;
    }
}
