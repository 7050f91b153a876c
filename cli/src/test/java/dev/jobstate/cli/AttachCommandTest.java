package dev.jobstate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attach}'s refusals, each one line and an exit code, all decided before anything touches the
 * target. (Attaching itself is AttachIT's, on the built jar and real JVMs.)
 */
class AttachCommandTest {

    @TempDir
    Path folder;

    @Test
    void anIdThatIsNotOneOrIsThisCommandIsAUsageError() {
        Cli.Run word = Cli.run("attach", "bot");
        assertEquals(2, word.exitCode(), word.describe());
        assertEquals("jobstate: not a process id: bot", word.errLines().get(0));

        long self = ProcessHandle.current().pid();
        Cli.Run itself = Cli.run("attach", Long.toString(self));
        assertEquals(2, itself.exitCode(), itself.describe());
        assertEquals("jobstate: process " + self + " is this command itself", itself.errLines().get(0));
    }

    @Test
    void aProcessThatDoesNotExistIsAProblem() {
        Cli.Run run = Cli.run("attach", "999999999");
        assertEquals(1, run.exitCode(), run.describe());
        assertEquals(List.of("jobstate: no such process: 999999999"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void runFromClassesRatherThanTheJarItSaysTheJarIsNotFoundBeforeTouchingTheProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Run run = Cli.run("attach", Long.toString(sleeper.pid()));
            assertEquals(1, run.exitCode(), run.describe());
            assertTrue(run.errLines().get(0).startsWith("jobstate: jobstate.jar not found: this command loads the jar"
                    + " it runs from into the bot, and it runs from "), run.describe());
            assertTrue(sleeper.isAlive(), "not signalled");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void theConfigIsNamedOnceAndMustExist() {
        String self = Long.toString(ProcessHandle.current().parent().orElseThrow().pid());
        Cli.Run twice = Cli.run("attach", self, "config=a.json", "--config", "b.json");
        assertEquals(2, twice.exitCode(), twice.describe());
        assertTrue(twice.errLines().get(0).startsWith("jobstate: expected config=<path> (or --config <path>), once"),
                twice.describe());

        Cli.Run notConfig = Cli.run("attach", self, "dir=x");
        assertEquals(2, notConfig.exitCode(), notConfig.describe());

        Path missing = folder.resolve("missing.json");
        Cli.Run none = Cli.run("attach", self, "--config", missing.toString());
        assertEquals(1, none.exitCode(), none.describe());
        assertEquals(List.of("jobstate: no such config file: " + missing), none.errLines());
    }
}
