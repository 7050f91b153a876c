package dev.jobstate.core.telemetry;

/** The MXBean: the counters and the store's health, read when asked. */
final class AgentView implements AgentMXBean {

    private final AgentStats stats;
    private final StoreHealth health;

    AgentView(AgentStats stats, StoreHealth health) {
        this.stats = stats;
        this.health = health;
    }

    @Override
    public long getActivitiesRun() {
        return stats.ran();
    }

    @Override
    public long getActivitiesCompleted() {
        return stats.calls(ActivityOutcome.COMPLETED);
    }

    @Override
    public long getActivitiesFailed() {
        return stats.calls(ActivityOutcome.FAILED);
    }

    @Override
    public long getActivitiesSkipped() {
        return stats.calls(ActivityOutcome.SKIPPED) + stats.calls(ActivityOutcome.SHARED);
    }

    @Override
    public long getActivitiesGivenUp() {
        return stats.calls(ActivityOutcome.GIVEN_UP);
    }

    @Override
    public long getActivitiesQuarantined() {
        return stats.calls(ActivityOutcome.QUARANTINED);
    }

    @Override
    public long getActivitiesInDoubt() {
        return stats.calls(ActivityOutcome.IN_DOUBT);
    }

    @Override
    public long getActivitiesUntracked() {
        return stats.calls(ActivityOutcome.UNTRACKED);
    }

    @Override
    public long getCheckpoints() {
        return stats.checkpoints();
    }

    @Override
    public long getCheckpointFailures() {
        return stats.checkpointFailures();
    }

    @Override
    public double getCheckpointLatencyP50Millis() {
        return stats.latencies().p50Millis();
    }

    @Override
    public double getCheckpointLatencyP95Millis() {
        return stats.latencies().p95Millis();
    }

    @Override
    public double getCheckpointLatencyP99Millis() {
        return stats.latencies().p99Millis();
    }

    @Override
    public int getCheckpointLatencySamples() {
        return stats.latencies().samples();
    }

    @Override
    public boolean isSavingHealthy() {
        return !health.savingFails().getAsBoolean();
    }

    @Override
    public String getLastProblem() {
        return health.lastProblem().get();
    }

    @Override
    public String getStore() {
        return health.store();
    }

    @Override
    public boolean isDatabaseOutage() {
        return health.databaseOutage().getAsBoolean();
    }
}
