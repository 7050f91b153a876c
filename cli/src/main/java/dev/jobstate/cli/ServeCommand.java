package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Marks;
import dev.jobstate.cli.serve.Dashboard;
import dev.jobstate.cli.serve.Exposure;
import dev.jobstate.cli.serve.FarmAccess;
import dev.jobstate.cli.serve.ServeSettings;
import dev.jobstate.core.config.AccountDays;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a live dashboard of the farm to a browser, until Ctrl-C.", "",
                "The farm today (filtered, sorted worst first, a page at a time), each account's days activity",
                "by activity, and the report's history; a bot's checkpoint shows within a second or two.",
                "With a token, mark, unmark, reset and release from the page, as the commands do them.",
                "Listens on 127.0.0.1 only, unless --bind says otherwise (which then needs a token)."})
final class ServeCommand extends OperatorCommand {

    /** Where the token is looked for when {@code --token} is not given. */
    static final String TOKEN_VARIABLE = "JOBSTATE_TOKEN";

    @Mixin
    StateDirOptions state;

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "<address>", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}); any other needs a token.")
    String bind;

    @Option(names = "--token", paramLabel = "<secret>",
            description = "Turns on mark, unmark, reset and release from the page; each change must carry it"
                    + " (default: the environment variable " + TOKEN_VARIABLE + "; without one, the page only reads).")
    String token;

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65_535) {
            throw CliError.usage("--port must be from 0 to 65535");
        }
        String secret = token != null ? token : System.getenv(TOKEN_VARIABLE);
        InetAddress address = address();
        try {
            Exposure.check(address, secret);
        } catch (Exposure.Refused e) {
            throw CliError.usage(e.getMessage());
        }
        if (!state.config().usesPostgres() || state.dir != null) {
            state.stateDir(); // a typo in --dir must not serve an empty farm
        }
        ServeSettings settings = new ServeSettings(address, port, secret, state.describe(), state.zone(),
                state.secrets());
        PrintWriter out = out();
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(settings, new Access(), Clock.systemUTC(), spec.commandLine().getErr());
        } catch (BindException e) {
            throw new CliError(CliError.PROBLEMS, "cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage() + (port == 0 ? "" : " (is another serve running? pick another --port, or 0 for any)"));
        }
        try {
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress();
            out.println("serving http://" + host + ":" + dashboard.port() + "/");
            out.println(settings.token() == null ? "read only: start with --token <secret> or " + TOKEN_VARIABLE
                    + " to mark, unmark, reset and release from the page" : "changes from the page need the token");
            out.flush();
            if (!dashboard.awaitFirstLook(30_000) || dashboard.problem() != null) {
                out.println("the farm cannot be read yet: " + (dashboard.problem() == null ? "still reading"
                        : dashboard.problem()) + " (the page says when it can)");
                out.flush();
            }
            // Until the JVM is stopped (Ctrl-C, a signal), or, run in process, the thread is interrupted.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dashboard.close();
        }
        return 0;
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw CliError.usage("--bind " + bind + " is not an address of this machine");
        }
    }

    /** The farm as the commands open it; the options are not thread-safe, so one caller at a time. */
    private final class Access implements FarmAccess {

        @Override
        public synchronized Farm farm() throws IOException {
            try {
                return state.farm();
            } catch (CliError e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public synchronized Marks marks() throws IOException {
            try {
                return state.marks();
            } catch (CliError e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public synchronized AccountDays days() {
            return state.days();
        }

        @Override
        public int quarantineLimit() {
            return state.config().quarantineFailuresPerDay();
        }
    }
}
