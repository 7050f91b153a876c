package dev.jobstate.bench;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.telemetry.ActivityOutcome;
import dev.jobstate.core.telemetry.Telemetry;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What telemetry adds to a skipped call, alone: the two calls the engine makes on the skip path
 * ({@code callStarts}, then {@code decided(SKIPPED)}), beside an empty benchmark in the same fork.
 * The skip path through the agent spreads too much from fork to fork (SkipBench, AgentComparison)
 * to show a few nanoseconds; this shows them. Run with the agent jar on the class path, the
 * telemetry being its code:
 * {@code java -cp bench/target/benchmarks.jar:agent/target/jobstate.jar org.openjdk.jmh.Main TelemetryBench},
 * and with {@code -jvmArgsAppend -XX:StartFlightRecording:settings=jfr/jobstate.jfc} for the cost
 * of an event while a recording takes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TelemetryBench {

    private final DayKey key = new DayKey("skip@example.com", "daily-set", LocalDate.of(2025, 9, 20));
    private final StringBuilder id = new StringBuilder("quiz-offer-7");
    private Object token = new Object();

    @Benchmark
    public Object nothing() {
        return token;
    }

    @Benchmark
    public Object skipReported() {
        Object call = Telemetry.callStarts();
        Telemetry.decided(call, "BenchBot.quiz(String,String)", key, id, ActivityOutcome.SKIPPED);
        return call;
    }
}
