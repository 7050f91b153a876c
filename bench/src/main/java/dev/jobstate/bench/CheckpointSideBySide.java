package dev.jobstate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17's checkpoint target measured side by side in one JVM with the agent attached: each
 * checkpoint of {@link DayCheckpointBench#agent} is timed next to one {@link DayCheckpointBench#raw}
 * write of the same day's six fields, and one raw write of the day's file as the agent writes it
 * (every field), the order rotated every round. They then share the moment and the disk's state,
 * which JMH's separate forks do not: there the raw write's own p50 moved 0.38-0.77 ms from one fork
 * to the next on this VM, more than the gap being judged. The third write tells what the file's size
 * costs the disk from what the rest of a checkpoint costs.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.jobstate.bench.CheckpointSideBySide <baseline.jar>
 * <candidate.jar> [rounds]} runs a child JVM per jar and round (ABBA), each measuring every day size;
 * bench/checkpoint-side-by-side.sh builds first. Prints per size and jar the p50 of each write, the
 * checkpoint's ratio to the six fields' (the target: at most 1.3) in each child and their median.
 */
public final class CheckpointSideBySide {

    private static final int[] SIZES = {50, 200, 1000};
    private static final int JIT_WARM_UP_ROUNDS = 8_000;
    private static final int WARM_UP_ROUNDS = 2_000;
    private static final int MEASURED_ROUNDS = 6_000;

    /** size → label → per child, {agent p50, raw p50, raw write of the agent's file p50} in ms. */
    private final Map<Integer, Map<String, List<double[]>>> scores = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        CheckpointSideBySide sides = new CheckpointSideBySide();
        int rounds = AbbaRounds.run(args, "CheckpointSideBySide <baseline jobstate.jar> <candidate jobstate.jar> [rounds]",
                "ckpt-side-", sides::measure);
        if (rounds < 0) {
            System.exit(2);
        }
        sides.print(rounds);
    }

    private void measure(String label, Path jar, Path state, Path config) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + jar + "=config=" + config, "-D" + Agent.STATE_DIR + "=" + state,
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] fields = line.split(" ");
                int size = Integer.parseInt(fields[0]);
                double agent = Double.parseDouble(fields[1]);
                double raw = Double.parseDouble(fields[2]);
                double ours = Double.parseDouble(fields[3]);
                System.out.println(JmhResults.fmt("%-9s %5d ids: agent p50 %.3f ms, raw p50 %.3f ms, %.2f×; raw write of"
                        + " the agent's own file %.3f ms, %.2f×", label, size, agent, raw, agent / raw, ours, ours / raw));
                scores.computeIfAbsent(size, s -> new LinkedHashMap<>()).computeIfAbsent(label, l -> new ArrayList<>())
                        .add(new double[] {agent, raw, ours});
            }
        }
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the " + label + " child failed: exit " + child.exitValue());
        }
    }

    private void print(int rounds) {
        System.out.println();
        System.out.println("Checkpoint into a day of N ids against the raw crash-safe write of its six fields, side by side"
                + " in one JVM (" + MEASURED_ROUNDS + " rounds after " + WARM_UP_ROUNDS + "); " + rounds
                + " JVMs per jar, ABBA (Java " + Runtime.version() + "):");
        for (int size : SIZES) {
            StringBuilder line = new StringBuilder(JmhResults.fmt("  %5d ids", size));
            for (String label : List.of("baseline", "candidate")) {
                List<double[]> children = scores.get(size).get(label);
                double[] ratios = children.stream().mapToDouble(c -> c[0] / c[1]).sorted().toArray();
                double agent = median(children.stream().mapToDouble(c -> c[0]).toArray());
                double[] ours = children.stream().mapToDouble(c -> c[2] / c[1]).toArray();
                line.append(JmhResults.fmt("   %s %.3f ms, %.2f× raw (%.2f-%.2f; its file written raw %.2f×)", label,
                        agent, median(ratios), ratios[0], ratios[ratios.length - 1], median(ours)));
            }
            System.out.println(line);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The child JVM, with the agent attached: prints {@code <ids> <checkpoint p50> <six fields' p50>
     * <agent's file's p50>} (ms) per size.
     */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws IOException {
            // The JIT's warm-up first, on a day of its own: without it the first size measured came
            // out 1.3-1.5x slower than the same size measured after the others.
            timed(SIZES[0], JIT_WARM_UP_ROUNDS, 0);
            for (int size : SIZES) {
                double[] p50 = timed(size, WARM_UP_ROUNDS, MEASURED_ROUNDS);
                System.out.println(JmhResults.fmt("%d %.4f %.4f %.4f", size, p50[0], p50[1], p50[2]));
            }
        }

        /** Each write's median over {@code measured} rounds after {@code warmUp}, into a day of {@code size} ids. */
        private static double[] timed(int size, int warmUp, int measured) throws IOException {
            DayCheckpointBench bench = new DayCheckpointBench();
            bench.ids = size;
            bench.seed();
            DayCheckpointBench.Accounts accounts = new DayCheckpointBench.Accounts();
            double[][] millis = new double[3][measured]; // the checkpoint, the six fields, the agent's file
            long[] nanos = new long[3];
            for (int i = 0; i < warmUp + measured; i++) {
                accounts.nextCall(bench); // a fresh copy of the day every few calls, untimed, as in JMH
                for (int k = 0; k < 3; k++) {
                    int op = (i + k) % 3; // each takes each place in turn
                    long start = System.nanoTime();
                    switch (op) {
                        case 0 -> bench.agent(accounts);
                        case 1 -> bench.raw();
                        default -> bench.rawOfOurFile();
                    }
                    nanos[op] = System.nanoTime() - start;
                }
                if (i >= warmUp) {
                    for (int op = 0; op < 3; op++) {
                        millis[op][i - warmUp] = nanos[op] / 1e6;
                    }
                }
            }
            return measured == 0 ? null : new double[] {median(millis[0]), median(millis[1]), median(millis[2])};
        }
    }
}
