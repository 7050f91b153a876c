package dev.jobstate.core.telemetry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one JVM's jobstate: calls by outcome, checkpoints and their latencies.
 *
 * <p>{@link LongAdder}s because the skip path counts too: many threads skipping at once would
 * fight over one atomic long's cache line, while an adder spreads them and sums only when read.
 */
final class AgentStats {

    /** Percentiles over the last 1,024 checkpoints of the last five minutes. */
    static final int WINDOW_SAMPLES = 1024;
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(5);

    private static final ActivityOutcome[] OUTCOMES = ActivityOutcome.values();

    private final LongAdder[] calls = new LongAdder[OUTCOMES.length];
    private final LongAdder checkpoints = new LongAdder();
    private final LongAdder checkpointFailures = new LongAdder();
    private final LatencyWindow latencies;

    AgentStats(LatencyWindow latencies) {
        this.latencies = latencies;
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new LongAdder();
        }
    }

    static AgentStats live() {
        return new AgentStats(new LatencyWindow(WINDOW_SAMPLES, WINDOW_NANOS, System::nanoTime));
    }

    void count(ActivityOutcome outcome) {
        calls[outcome.ordinal()].increment();
    }

    void checkpointed(long latencyNanos) {
        checkpoints.increment();
        latencies.record(latencyNanos);
    }

    void checkpointFailed() {
        checkpointFailures.increment();
    }

    long calls(ActivityOutcome outcome) {
        return calls[outcome.ordinal()].sum();
    }

    /** Calls whose body ran tracked, however they ended. */
    long ran() {
        long sum = 0;
        for (ActivityOutcome outcome : OUTCOMES) {
            if (outcome.ran()) {
                sum += calls(outcome);
            }
        }
        return sum;
    }

    long checkpoints() {
        return checkpoints.sum();
    }

    long checkpointFailures() {
        return checkpointFailures.sum();
    }

    LatencyWindow.Percentiles latencies() {
        return latencies.percentiles();
    }
}
