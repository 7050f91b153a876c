package dev.jobstate.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/** The JMH runs of a targets table, kept by {@code label:method:mode} for the table to read. */
final class JmhResults {

    private final Map<String, RunResult> results = new HashMap<>();

    /** Runs {@code options} (failing on any benchmark error) and keeps each result under {@code label}. */
    void run(String label, ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> done = new Runner(options.shouldFailOnError(true).build()).run();
        for (RunResult result : done) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            results.put(label + ":" + method + ":" + result.getParams().getMode().shortLabel(), result);
        }
    }

    /** @param key {@code label:method} */
    Result<?> primary(String key, String mode) {
        RunResult result = results.get(key + ":" + mode);
        if (result == null) {
            throw new IllegalStateException("no result for " + key + " (" + mode + "); have " + results.keySet());
        }
        return result.getPrimaryResult();
    }

    /** A percentile of a sample-mode run, in its time unit. */
    double percentile(String key, double p) {
        return primary(key, "sample").getStatistics().getPercentile(p);
    }

    /** A throughput run's score, for benchmarks that report operations per millisecond. */
    double opsPerSecond(String key) {
        return primary(key, "thrpt").getScore() * 1000;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
