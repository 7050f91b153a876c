package dev.jobstate.cli;

import dev.jobstate.cli.farm.Actions;
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
        out().println(Actions.mark(state.marks(), target.key(state), target.id));
        return 0;
    }
}
