package dev.jobstate.agent.cli;

import dev.jobstate.core.farm.PgFarm;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar jobstate.jar <command>}: the operator's tool. Errors are one line and an exit
 * code (0 fine, 1 problems found, 2 usage); a stack trace only with {@code --verbose}.
 */
@Command(name = "jobstate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {StatusCommand.class, HistoryCommand.class, ReportCommand.class, ResetCommand.class,
                MarkCommand.class, UnmarkCommand.class, PruneCommand.class, VerifyCommand.class,
                ExportCommand.class, ImportCommand.class},
        description = {"See and steer the state of bots run with the jobstate agent.", ""},
        footer = {"", "This jar is also the agent. Attach it to your bot:",
                "  java -javaagent:jobstate.jar -jar bot.jar",
                "  java -javaagent:jobstate.jar=config=conf/bot.json -jar bot.jar",
                "Run a command in the bot's folder and it finds the state as the agent does."})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        // No command: say what the jar is and what it can do.
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (main.verbose || isVerbose(args)) {
                e.printStackTrace(err);
            }
            int code = e instanceof CliError error ? error.exitCode : CliError.PROBLEMS;
            err.println("jobstate: " + oneLine(e));
            err.flush();
            return code;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("jobstate: " + e.getMessage());
            err.println("Try 'jobstate " + qualified(e.getCommandLine()) + "--help'.");
            err.flush();
            return CliError.USAGE;
        });
        return cli.execute(args);
    }

    private static boolean isVerbose(String[] args) {
        for (String arg : args) {
            if (arg.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String qualified(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }

    /** The operator's line: our message, or the exception's class and message for anything else. */
    static String oneLine(Exception e) {
        if (e instanceof CliError || e instanceof PgFarm.DatabaseException) {
            return e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        String message = e.getMessage();
        String text = message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
        return text.replace('\n', ' ');
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jobstate " + (version == null ? "(development build)" : version)};
        }
    }
}
