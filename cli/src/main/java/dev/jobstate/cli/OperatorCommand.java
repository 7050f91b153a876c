package dev.jobstate.cli;

import dev.jobstate.cli.farm.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command has: picocli's writers for its output, and the {@link Console} that says
 * whether they are a terminal. A command never prints to {@code System.out}, so it runs in process
 * (tests, tools that embed it) exactly as from the jar.
 */
abstract class OperatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    /** Where the command's results go. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Console console() {
        return main.console();
    }

    /** Progress of a long scan, on the error writer, when that is a terminal. */
    Progress progress(String what) {
        return console().progress(spec.commandLine().getErr(), what);
    }
}
