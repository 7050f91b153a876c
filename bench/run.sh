#!/usr/bin/env bash
# The in-process cost targets (skip path, unannotated methods, checkpoints, memory), measured side
# by side in one run: builds the agent and the
# benchmarks, then runs dev.jobstate.bench.Targets, which runs every JMH benchmark (forks with
# -javaagent: on the built jar, floors in the same fork) and the memory footprint, and prints each
# figure beside its target. About 8 minutes. JMH's own output scrolls by first; the table is last.
# State files go under bench/target/bench-state (override with -Djobstate.bench.dir=... in
# JAVA_OPTS): it must be on the disk you care about, not tmpfs, since fsync is what is measured.
# How to read it: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar dev.jobstate.bench.Targets agent/target/jobstate.jar
