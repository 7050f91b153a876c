package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
import java.nio.file.Path;

/** What the benchmarks that go through the agent need from the JVM they run in. */
final class Agent {

    /** Set by {@link Targets} in every fork that has the agent attached. */
    static final String STATE_DIR = "jobstate.bench.state";

    private Agent() {
    }

    /** Fails the benchmark, rather than measure plain calls, if the agent is not attached. */
    static void require(BenchBot bot, String account) {
        int before = bot.runs();
        String fresh = "agent-check-" + System.nanoTime(); // forks share the state folder
        bot.quiz(account, fresh);
        bot.quiz(account, fresh);
        if (bot.runs() - before != 1) {
            throw new IllegalStateException("this benchmark measures calls through the agent: run it with"
                    + " -javaagent:agent/target/jobstate.jar (bench/run.sh does)");
        }
    }

    static Path stateDir() {
        String dir = System.getProperty(STATE_DIR);
        if (dir == null) {
            throw new IllegalStateException("-D" + STATE_DIR + "=<the agent's state folder> is not set");
        }
        return Path.of(dir);
    }
}
