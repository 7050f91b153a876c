#!/usr/bin/env bash
# Issue 17's checkpoint target through a baseline agent jar and this tree's, side by side in one run
# (dev.jobstate.bench.CheckpointComparison, ABBA rounds of JMH forks of DayCheckpointBench): one
# thread checkpointing into a day of 50, 200 and 1,000 ids, each against the raw crash-safe write of
# that day's six fields in the fork beside it. Build the baseline from the commit to compare with:
#   mkdir /tmp/base && git archive <commit> | tar -x -C /tmp/base && \
#     (cd /tmp/base && mvn -B -q -pl api,core,cli,agent package -DskipTests)
#   bench/compare-checkpoint.sh /tmp/base/agent/target/jobstate.jar [rounds]
# About 2 minutes per jar and round; the table is printed last. State on the real disk (BenchDirs).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?usage: bench/compare-checkpoint.sh <baseline jobstate.jar> [rounds]}
[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar dev.jobstate.bench.CheckpointComparison \
  "$baseline" agent/target/jobstate.jar "${2:-2}"
