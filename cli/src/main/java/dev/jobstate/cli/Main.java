package dev.jobstate.cli;

import dev.jobstate.cli.farm.PgFarm;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar jobstate.jar <command>}: the operator's tool. Errors are one line and an exit
 * code (0 fine, 1 problems found, 2 usage); a stack trace only with {@code --verbose}. Every command
 * writes through picocli's writers, so {@link #run(PrintWriter, PrintWriter, String...)} runs one in
 * process; only {@link #main} ends the JVM.
 */
@Command(name = "jobstate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"See and steer the state of bots run with the jobstate agent.", ""},
        footer = {"", "This jar is also the agent. Attach it to your bot:",
                "  java -javaagent:jobstate.jar -jar bot.jar",
                "  java -javaagent:jobstate.jar=config=conf/bot.json -jar bot.jar",
                "or to a bot already running: java -jar jobstate.jar attach <pid>",
                "Run a command in the bot's folder and it finds the state as the agent does."})
public final class Main implements Runnable {

    /**
     * The commands, by name, in the order help lists them. Added to the command line in
     * {@link #commandLine}, not by {@code @Command(subcommands)}: picocli builds each one's model by
     * reflection, which was a good part of every run's start.
     */
    private static final Map<String, Class<?>> COMMANDS = commands(StatusCommand.class, HistoryCommand.class,
            ReportCommand.class, ResetCommand.class, MarkCommand.class, UnmarkCommand.class, ReleaseCommand.class,
            PruneCommand.class, VerifyCommand.class, ExportCommand.class, ImportCommand.class, ServeCommand.class,
            AttachCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Console console;

    Main(Console console) {
        this.console = console;
    }

    /** Whether the output is a terminal, for the commands. */
    Console console() {
        return console;
    }

    @Override
    public void run() {
        // No command: say what the jar is and what it can do.
        CommandLine cli = spec.commandLine();
        cli.usage(cli.getOut());
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(Console.ofProcess(), args);
        // The commands' output goes through System.out itself, in the encoding it has always had;
        // errors, help colours and the like stay picocli's own defaults, as they have always been.
        cli.setOut(new PrintWriter(new PrintStreamWriter(System.out), true));
        System.exit(execute(cli, args));
    }

    /**
     * Runs one command line in process: output to {@code out}, errors to {@code err}, plain text
     * (no colour, no progress, no questions).
     *
     * @return the exit code: 0 fine, 1 problems found, 2 usage
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Console.PLAIN, out, err, args);
    }

    /** {@link #run(PrintWriter, PrintWriter, String...)} as if on {@code console}: a test's pretend terminal. */
    static int run(Console console, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(console, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        return execute(cli, args);
    }

    private static int execute(CommandLine cli, String[] args) {
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    private static CommandLine commandLine(Console console, String[] args) {
        Main main = new Main(console);
        CommandLine cli = new CommandLine(main);
        // A command line that names a command gets just that one; any other (help, a typo, no
        // command) gets them all, so what picocli says of it is what it always said.
        Class<?> named = named(args);
        for (Class<?> command : COMMANDS.values()) {
            if (named == null || named == command) {
                cli.addSubcommand(command);
            }
        }
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
        return cli;
    }

    private static Map<String, Class<?>> commands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
    }

    /** The command the line names: its first word that is not an option, if it is a command's name. */
    private static Class<?> named(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.get(arg);
            }
        }
        return null;
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
