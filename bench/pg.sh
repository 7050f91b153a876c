#!/usr/bin/env bash
# The PostgreSQL store's cost targets: its checkpoints against bare JDBC round trips to the same
# server, side by side in one run (dev.jobstate.bench.PgTargets). Needs the server the tests use
# (127.0.0.1:5432, database test, user postgres; override with -Djobstate.bench.pg.url=... and
# -Djobstate.bench.pg.user=... in JAVA_OPTS). About 2 minutes; the table is printed last.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
# The store is the agent's own code: its jar goes on the class path, relocated dependencies and all.
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar:agent/target/jobstate.jar \
  dev.jobstate.bench.PgTargets
