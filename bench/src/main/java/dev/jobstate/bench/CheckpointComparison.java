package dev.jobstate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        if (args.length < 2) {
            System.err.println("usage: CheckpointComparison <baseline jobstate.jar> <candidate jobstate.jar> [rounds]");
            System.exit(2);
        }
        Path baseline = Path.of(args[0]).toAbsolutePath();
        Path candidate = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        CheckpointComparison comparison = new CheckpointComparison();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                comparison.measure("baseline", baseline);
                comparison.measure("candidate", candidate);
            } else {
                comparison.measure("candidate", candidate);
                comparison.measure("baseline", baseline);
            }
        }
        comparison.print(rounds);
    }

    private void measure(String label, Path jar) throws IOException, RunnerException {
        Path base = BenchDirs.newDir("ckpt-compare-");
        try {
            Path state = base.resolve("state");
            Path config = base.resolve("jobstate.json");
            Files.writeString(config, "{\"jobState\": {\"dir\": \"" + state + "\", \"timezone\": \"" + SkipBench.ZONE
                    + "\"}}", StandardCharsets.UTF_8);
            for (String size : SIZES) {
                JmhResults results = new JmhResults();
                results.run(label, new OptionsBuilder().include("\\.DayCheckpointBench\\.").param("ids", size)
                        .jvmArgsAppend("-javaagent:" + jar + "=config=" + config, "-D" + Agent.STATE_DIR + "=" + state));
                scores.computeIfAbsent(size, s -> new LinkedHashMap<>()).computeIfAbsent(label, l -> new ArrayList<>())
                        .add(new double[] {results.percentile(label + ":agent", 50),
                            results.percentile(label + ":raw", 50)});
            }
        } finally {
            BenchDirs.delete(base);
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
