package dev.jobstate.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.jobstate.core.boot.AgentPresence;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Starts jobstate in a bot that is already running, as if it had been started with"
                + " -javaagent:jobstate.jar: this jar is loaded into the JVM <pid> as an agent.", "",
                "An activity already running then is not recorded. On JDK 21 and later the bot prints a warning"
                        + " that an agent was loaded dynamically (start it with -XX:+EnableDynamicAgentLoading"
                        + " to silence it).", "",
                "Exit code 0 when jobstate is active in <pid> (attached now, or already), 1 when it could not be"
                        + " attached."})
final class AttachCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "<pid>", description = "The process id of the bot's JVM.")
    String pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "config=<path>",
            description = "The bot's config file, as -javaagent:jobstate.jar=config=<path> names it.")
    String configArgument;

    @Option(names = "--config", paramLabel = "<path>", description = "The same as config=<path>.")
    Path config;

    @Override
    public Integer call() {
        long target = target();
        String agentArgs = agentArgs();
        Path jar = ownJar();
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new CliError(CliError.PROBLEMS, "this Java runtime has no jdk.attach module: run the command"
                    + " with a JDK's java");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(target));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliError(CliError.PROBLEMS, "cannot attach to process " + target
                    + " (not a JVM, a JVM of another user, or one started with -XX:+DisableAttachMechanism): "
                    + e.getMessage());
        }
        try {
            if (vm.getSystemProperties().getProperty(AgentPresence.PROPERTY) != null) {
                out().println("jobstate is already active in " + target + "; nothing done");
                return 0;
            }
            vm.loadAgent(jar.toString(), agentArgs);
            out().println("jobstate attached to " + target);
            return 0;
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new CliError(CliError.PROBLEMS, "loading " + jar + " into process " + target + " failed: " + e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // The target keeps the agent or not either way.
            }
        }
    }

    private long target() {
        long id;
        try {
            id = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            throw CliError.usage("not a process id: " + pid);
        }
        if (id == ProcessHandle.current().pid()) {
            throw CliError.usage("process " + id + " is this command itself");
        }
        if (!ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false)) {
            throw new CliError(CliError.PROBLEMS, "no such process: " + id);
        }
        return id;
    }

    /** {@code config=<path>}, absolute: the bot's working folder is not necessarily this one. */
    private String agentArgs() {
        Path file = config;
        if (configArgument != null) {
            if (!configArgument.startsWith("config=") || config != null) {
                throw CliError.usage("expected config=<path> (or --config <path>), once: " + configArgument);
            }
            file = Path.of(configArgument.substring("config=".length()));
        }
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new CliError(CliError.PROBLEMS, "no such config file: " + file.toAbsolutePath());
        }
        return "config=" + file.toAbsolutePath().normalize();
    }

    /** The jar this command runs from: it is the agent too. */
    private static Path ownJar() {
        CodeSource source = AttachCommand.class.getProtectionDomain().getCodeSource();
        Path path = null;
        try {
            path = source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            // Said below.
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new CliError(CliError.PROBLEMS, "jobstate.jar not found: this command loads the jar it runs from"
                    + " into the bot, and it runs from " + (path == null ? source : path)
                    + " (run it as java -jar jobstate.jar attach <pid>)");
        }
        return path;
    }
}
