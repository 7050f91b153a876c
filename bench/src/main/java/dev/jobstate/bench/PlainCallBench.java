package dev.jobstate.bench;

import dev.jobstate.bench.host.BenchBot;
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
 * A method without annotations in a class that has activities. {@link Targets} runs it once with
 * the agent attached (the class is instrumented) and once without: the two must not differ.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlainCallBench {

    private final BenchBot bot = new BenchBot();
    private int x;

    @Benchmark
    public int unannotatedMethod() {
        return bot.plain(x++);
    }
}
