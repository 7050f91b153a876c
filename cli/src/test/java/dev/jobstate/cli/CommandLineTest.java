package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command shares: help, exit codes, and errors as one line on err. */
class CommandLineTest {

    private static final List<String> COMMANDS = List.of("status", "history", "report", "reset", "mark", "unmark",
            "prune", "verify", "export", "import", "attach");

    @TempDir
    Path folder;

    @Test
    void noCommandPrintsTheUsageWithEveryCommand() {
        Cli.Run run = Cli.run();

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().startsWith("Usage: jobstate "), run.describe());
        for (String command : COMMANDS) {
            assertTrue(run.lines().stream().anyMatch(line -> line.strip().startsWith(command + " ")), command);
        }
        assertTrue(run.out().contains("java -javaagent:jobstate.jar -jar bot.jar"), "the footer says it is the agent too");
        assertEquals("", run.err());
    }

    @Test
    void everyCommandHasHelpOnOut() {
        for (String command : COMMANDS) {
            Cli.Run help = Cli.run(command, "--help");
            assertEquals(0, help.exitCode(), help.describe());
            assertTrue(help.lines().get(0).startsWith("Usage: jobstate " + command), help.describe());
            assertEquals("", help.err());
        }
    }

    @Test
    void statusHelpPointsToWhereTheJsonFormatIsDocumented() {
        Cli.Run help = Cli.run("status", "--help");

        assertTrue(help.out().contains("docs/operating.md"), help.describe());
        assertFalse(help.out().contains("README"), help.describe());
    }

    @Test
    void versionSaysWhichBuild() {
        Cli.Run version = Cli.run("--version");

        assertEquals(0, version.exitCode(), version.describe());
        assertEquals(List.of("jobstate (development build)"), version.lines());
    }

    @Test
    void anUnknownOptionIsAUsageErrorThatSaysWhereHelpIs() {
        Cli.Run run = Cli.run("status", "--bogus");

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals("", run.out());
        assertEquals(List.of("jobstate: Unknown option: '--bogus'", "Try 'jobstate status --help'."), run.errLines());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Cli.Run run = Cli.run("history");

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals(List.of("jobstate: Missing required option: '--account=<account>'", "Try 'jobstate history --help'."),
                run.errLines());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Run run = Cli.run("statuz");

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals("jobstate: Unmatched argument at index 0: 'statuz'", run.errLines().get(0));
    }

    @Test
    void aStateFolderThatDoesNotExistIsAUsageErrorNotAnEmptyFarm() {
        Path nowhere = folder.resolve("nowhere");
        Cli.Run run = Cli.run("status", "--dir", nowhere.toString());

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals(List.of("jobstate: no state folder at " + nowhere), run.errLines());
    }

    @Test
    void aDateThatIsNotOneIsAUsageError() {
        TestFarm farm = new TestFarm(folder);
        Cli.Run run = farm.run("status", "--date", "tomorrowish");

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals(List.of("jobstate: 'tomorrowish' is not a date: use today, yesterday or YYYY-MM-DD"), run.errLines());
    }

    @Test
    void numbersOutOfRangeAreUsageErrors() {
        TestFarm farm = new TestFarm(folder);

        Cli.Run days = farm.run("history", "--account", "alice@example.com", "--days", "0");
        assertEquals(2, days.exitCode(), days.describe());
        assertEquals(List.of("jobstate: --days must be at least 1"), days.errLines());

        Cli.Run interval = farm.run("status", "--watch", "--interval", "0");
        assertEquals(2, interval.exitCode(), interval.describe());
        assertEquals(List.of("jobstate: --interval must be at least 1 second"), interval.errLines());
    }

    @Test
    void exportAndImportNeedTheConfigToNamePostgres() {
        TestFarm farm = new TestFarm(folder);

        Cli.Run export = farm.run("export", "--to", folder.resolve("out").toString());
        assertEquals(2, export.exitCode(), export.describe());
        assertEquals(List.of("jobstate: export needs PostgreSQL: the config (" + farm.config + ") uses the file store;"
                + " set \"jobState.store\": \"postgres\" and \"jobState.postgres\", or pass --config <file>"),
                export.errLines());

        Cli.Run importing = farm.run("import", "--from", farm.state.toString(), "--dir", farm.state.toString());
        assertEquals(2, importing.exitCode(), importing.describe());
        assertEquals(List.of("jobstate: import works on the PostgreSQL store the config names; --dir names a state"
                + " folder, use --from <folder>"), importing.errLines());
    }

    @Test
    void aBadConfigIsAUsageErrorNamingTheFile() {
        Cli.Run run = Cli.run("status", "--config", folder.resolve("missing.json").toString());

        assertEquals(2, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), run.describe());
        assertTrue(run.errLines().get(0).startsWith("jobstate: ") && run.err().contains("missing.json"), run.describe());
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLine() {
        Cli.Run run = Cli.run("status", "--dir", folder.resolve("nowhere").toString(), "--verbose");

        assertEquals(2, run.exitCode(), run.describe());
        assertTrue(run.err().contains("at dev.jobstate.cli."), run.describe());
        assertTrue(run.errLines().get(run.errLines().size() - 1).startsWith("jobstate: no state folder at "), run.describe());
    }
}
