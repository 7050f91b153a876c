#!/usr/bin/env bash
# Issue 17's checkpoint target, each checkpoint timed next to a raw crash-safe write of the same day's
# six fields and one of the agent's own file, in the same JVM, their order rotated every round
# (dev.jobstate.bench.CheckpointSideBySide): one thread, days of 50, 200 and 1,000 ids, through a
# baseline agent jar and this tree's, a child JVM per jar and round (ABBA). Less noisy than
# compare-checkpoint.sh's JMH forks, where the raw write runs in a JVM of its own at another moment.
# About a minute per JVM; the table is printed last.
#   bench/checkpoint-side-by-side.sh <baseline jobstate.jar> [rounds]
# SKIP_BUILD=1 uses the jars already built; CANDIDATE= measures another jar than this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?usage: bench/checkpoint-side-by-side.sh <baseline jobstate.jar> [rounds]}
[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
exec "${JAVA:-java}" -cp bench/target/benchmarks.jar dev.jobstate.bench.CheckpointSideBySide \
  "$baseline" "${CANDIDATE:-agent/target/jobstate.jar}" "${2:-2}"
