package dev.jobstate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The skip path through two agent jars side by side: a baseline (main before a change) and a
 * candidate, each in its own JMH forks, in ABBA rounds so a machine that changes speed during the run
 * changes both alike. Prints the median of each benchmark per jar and the candidate's ratio.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.jobstate.bench.AgentComparison <baseline.jar>
 * <candidate.jar> [rounds]} (bench/compare.sh builds the candidate and the benchmarks first).
 *
 * <p>{@code -Djobstate.bench.candidateArgs="<flags>"} adds JVM flags to the candidate's forks only:
 * with the same jar on both sides, it measures what the flags cost, such as a Flight Recorder
 * recording of jobstate's events ({@code -XX:StartFlightRecording:settings=jfr/jobstate.jfc}).
 */
public final class AgentComparison {

    private static final String CANDIDATE_ARGS = System.getProperty("jobstate.bench.candidateArgs", "").trim();

    private static final List<String> BENCHMARKS = List.of("skippedActivity", "skippedActivityReplayingAnInt",
            "skippedAcrossAccounts", "skippedAcrossAccountsByProperty", "mapHitPlusToday", "unannotatedMethod");

    private final Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        AgentComparison comparison = new AgentComparison();
        int rounds = AbbaRounds.run(args, "AgentComparison <baseline jobstate.jar> <candidate jobstate.jar> [rounds]",
                "compare-", comparison::measure);
        if (rounds < 0) {
            System.exit(2);
        }
        comparison.print(rounds);
    }

    /** One fork of each benchmark through {@code jar}, kept under {@code label}. */
    private void measure(String label, Path jar, Path state, Path config) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>();
        if (label.equals("candidate") && !CANDIDATE_ARGS.isEmpty()) {
            jvmArgs.addAll(List.of(CANDIDATE_ARGS.split("\\s+")));
        }
        jvmArgs.add("-javaagent:" + jar + "=config=" + config);
        jvmArgs.add("-D" + Agent.STATE_DIR + "=" + state);
        JmhResults results = new JmhResults();
        results.run(label, new OptionsBuilder().include("\\.SkipBench\\.").include("\\.PlainCallBench\\.")
                .jvmArgsAppend(jvmArgs.toArray(String[]::new)));
        for (String benchmark : BENCHMARKS) {
            scores.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
                    .computeIfAbsent(label, l -> new ArrayList<>())
                    .add(results.primary(label + ":" + benchmark, "avgt").getScore());
        }
    }

    private void print(int rounds) {
        System.out.println();
        System.out.println("Skip path, baseline vs candidate agent, median of " + rounds + " forks each, ABBA (Java "
                + Runtime.version() + (CANDIDATE_ARGS.isEmpty() ? "" : "; candidate forks with " + CANDIDATE_ARGS)
                + "):");
        for (String benchmark : BENCHMARKS) {
            double before = median(scores.get(benchmark).get("baseline"));
            double after = median(scores.get(benchmark).get("candidate"));
            System.out.println(JmhResults.fmt("  %-32s baseline %8.1f ns   candidate %8.1f ns   %.2f×   (%s | %s)",
                    benchmark, before, after, after / before, scores.get(benchmark).get("baseline"),
                    scores.get(benchmark).get("candidate")));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
