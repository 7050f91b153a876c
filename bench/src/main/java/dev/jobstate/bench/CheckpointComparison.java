package dev.jobstate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 17's checkpoint target through two agent jars side by side: {@link DayCheckpointBench} (one
 * thread checkpointing into a day of 50, 200 and 1,000 ids, and the raw crash-safe write of that
 * day's six fields) in JMH forks of a baseline jar and a candidate, in ABBA rounds. Prints, per day
 * size, each fork's p50 ratio to the raw write measured in the fork beside it, their median and
 * range, and the candidate's p50 against the baseline's.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.jobstate.bench.CheckpointComparison
 * <baseline.jar> <candidate.jar> [rounds]} (bench/compare-checkpoint.sh builds first).
 */
public final class CheckpointComparison {

    private static final String[] SIZES = {"50", "200", "1000"};

    /** size → label → per fork, {agent p50, raw p50}. */
    private final Map<String, Map<String, List<double[]>>> scores = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        CheckpointComparison comparison = new CheckpointComparison();
        int rounds = AbbaRounds.run(args, "CheckpointComparison <baseline jobstate.jar> <candidate jobstate.jar> [rounds]",
                "ckpt-compare-", comparison::measure);
        if (rounds < 0) {
            System.exit(2);
        }
        comparison.print(rounds);
    }

    private void measure(String label, Path jar, Path state, Path config) throws RunnerException {
        for (String size : SIZES) {
            JmhResults results = new JmhResults();
            results.run(label, new OptionsBuilder().include("\\.DayCheckpointBench\\.").param("ids", size)
                    .jvmArgsAppend("-javaagent:" + jar + "=config=" + config, "-D" + Agent.STATE_DIR + "=" + state));
            scores.computeIfAbsent(size, s -> new LinkedHashMap<>()).computeIfAbsent(label, l -> new ArrayList<>())
                    .add(new double[] {results.percentile(label + ":agent", 50), results.percentile(label + ":raw", 50)});
        }
    }

    private void print(int rounds) {
        System.out.println();
        System.out.println("Checkpoint into a day of N ids, p50, against the raw crash-safe write of its six fields; "
                + rounds + " forks per jar, ABBA (Java " + Runtime.version() + "):");
        for (String size : SIZES) {
            Map<String, List<double[]>> bySize = scores.get(size);
            List<Double> baseRatios = ratios(bySize.get("baseline"));
            List<Double> candRatios = ratios(bySize.get("candidate"));
            double baseP50 = median(bySize.get("baseline").stream().map(f -> f[0]).toList());
            double candP50 = median(bySize.get("candidate").stream().map(f -> f[0]).toList());
            System.out.println(JmhResults.fmt("  %5s ids  baseline %.3f ms, %.2f× raw (%s)   candidate %.3f ms, %.2f× raw"
                    + " (%s)   candidate/baseline %.2f×", size, baseP50, median(baseRatios), range(baseRatios), candP50,
                    median(candRatios), range(candRatios), candP50 / baseP50));
            for (String label : List.of("baseline", "candidate")) {
                StringBuilder forks = new StringBuilder();
                for (double[] f : bySize.get(label)) {
                    forks.append(JmhResults.fmt(" %.3f/%.3f", f[0], f[1]));
                }
                System.out.println("             " + label + " forks, agent/raw ms:" + forks);
            }
        }
    }

    private static List<Double> ratios(List<double[]> forks) {
        return forks.stream().map(f -> f[0] / f[1]).toList();
    }

    private static String range(List<Double> values) {
        return JmhResults.fmt("%.2f-%.2f", values.stream().mapToDouble(d -> d).min().orElse(0),
                values.stream().mapToDouble(d -> d).max().orElse(0));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
