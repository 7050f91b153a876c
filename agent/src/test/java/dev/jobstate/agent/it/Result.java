package dev.jobstate.agent.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a child JVM did: its exit code and its output, line by line, with the readers the tests use
 * for the bots' {@code RAN}/{@code ACK}/{@code CAUGHT} lines and the agent's {@code [jobstate]} lines.
 */
record Result(List<String> command, int exitCode, List<String> stdout, List<String> stderr) {

    static final String OURS = "[jobstate] ";

    private static final Pattern DYNAMIC_AGENT_WARNING = Pattern.compile("WARNING: (A Java agent has been loaded"
            + " dynamically|If a serviceability tool is (not )?in use|Dynamic loading of agents will be disallowed)");

    /** The exit code of a JVM killed by SIGKILL. */
    static final int KILLED = 128 + 9;

    /** The lines of stdout starting with {@code word + " "}, without that word. */
    List<String> lines(String word) {
        List<String> found = new ArrayList<>();
        for (String line : stdout) {
            if (line.startsWith(word + " ")) {
                found.add(line.substring(word.length() + 1));
            }
        }
        return found;
    }

    /** {@code RAN <account> <id>} lines, as {@code "<account> <id>"}. */
    List<String> ran() {
        return lines("RAN");
    }

    /** {@code ACK <account> <id> <value>} lines, as a map from {@code "<account> <id>"} to the value text. */
    Map<String, String> acked() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines("ACK")) {
            String[] parts = line.split(" ", 3);
            values.put(parts[0] + " " + parts[1], parts.length > 2 ? parts[2] : "");
        }
        return values;
    }

    /** The agent's lines on stderr. */
    List<String> ourStderr() {
        return stderr.stream().filter(l -> l.startsWith(OURS)).toList();
    }

    /** Lines on stderr that are not the agent's: the host's own, or the JVM's, or a library's. */
    List<String> foreignStderr() {
        return stderr.stream().filter(l -> !l.startsWith(OURS)).toList();
    }

    /**
     * {@link #stderr} without the lines JDK 21+ prints when an agent is loaded into a running JVM
     * ("WARNING: A Java agent has been loaded dynamically ..."): nothing inside the JVM can avoid them.
     */
    List<String> stderrBesidesDynamicAgentWarning() {
        return stderr.stream().filter(l -> !DYNAMIC_AGENT_WARNING.matcher(l).lookingAt()).toList();
    }

    List<String> ourLines(String level) {
        return stderr.stream().filter(l -> l.startsWith(OURS + level + " ")).toList();
    }

    /** For assertion messages: the command and everything the JVM printed. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("command: ").append(String.join(" ", command)).append('\n');
        text.append("exit code: ").append(exitCode).append('\n');
        text.append("--- stdout (").append(stdout.size()).append(" lines) ---\n");
        tail(text, stdout);
        text.append("--- stderr (").append(stderr.size()).append(" lines) ---\n");
        tail(text, stderr);
        return text.toString();
    }

    private static void tail(StringBuilder text, List<String> lines) {
        int from = Math.max(0, lines.size() - 80);
        if (from > 0) {
            text.append("... ").append(from).append(" lines before ...\n");
        }
        for (String line : lines.subList(from, lines.size())) {
            text.append(line).append('\n');
        }
    }
}
