#!/usr/bin/env bash
# The skip path through a baseline agent jar and this tree's, side by side in one run
# (dev.jobstate.bench.AgentComparison, ABBA rounds of JMH forks). Build the baseline from the commit
# to compare with, e.g.:
#   git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -B -q -pl api,core,cli,agent package -DskipTests)
#   bench/compare.sh /tmp/base/agent/target/jobstate.jar [rounds]
# About 1 minute per round; the table is printed last.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?usage: bench/compare.sh <baseline jobstate.jar> [rounds]}
[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar dev.jobstate.bench.AgentComparison \
  "$baseline" agent/target/jobstate.jar "${2:-2}"
