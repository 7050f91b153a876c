package dev.jobstate.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two agent jars measured side by side: a baseline (main before a change) and a candidate, in ABBA
 * rounds, so that a machine that changes speed during the run changes both alike. Each measurement
 * gets a fresh state folder and a settings file pointing at it.
 */
final class AbbaRounds {

    /** One measurement of {@code jar} under {@code label}, with its state folder and settings file. */
    interface Measurement {
        void measure(String label, Path jar, Path state, Path config) throws Exception;
    }

    private AbbaRounds() {
    }

    /**
     * Runs {@code measurement} through both jars {@code rounds} times, the baseline first in even
     * rounds and second in odd ones.
     *
     * @param args {@code <baseline.jar> <candidate.jar> [rounds]}, as a comparison's main gets them
     * @return the number of rounds run, or -1 (after printing {@code usage}) when the jars are missing
     */
    static int run(String[] args, String usage, String dirPrefix, Measurement measurement) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: " + usage);
            return -1;
        }
        Path baseline = Path.of(args[0]).toAbsolutePath();
        Path candidate = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int round = 0; round < rounds; round++) {
            boolean baselineFirst = round % 2 == 0;
            once(dirPrefix, measurement, baselineFirst ? "baseline" : "candidate", baselineFirst ? baseline : candidate);
            once(dirPrefix, measurement, baselineFirst ? "candidate" : "baseline", baselineFirst ? candidate : baseline);
        }
        return rounds;
    }

    private static void once(String dirPrefix, Measurement measurement, String label, Path jar) throws Exception {
        Path base = BenchDirs.newDir(dirPrefix);
        try {
            Path state = base.resolve("state");
            Path config = base.resolve("jobstate.json");
            Files.writeString(config, "{\"jobState\": {\"dir\": \"" + state + "\", \"timezone\": \"" + SkipBench.ZONE
                    + "\"}}", StandardCharsets.UTF_8);
            measurement.measure(label, jar, state, config);
        } finally {
            BenchDirs.delete(base);
        }
    }
}
