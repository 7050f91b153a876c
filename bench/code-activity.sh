#!/usr/bin/env bash
# What starting jobstate from code costs: a JVM whose main makes one JobState.activity call (no
# agent; jobstate.jar on the class path) against the same main calling the body directly. RUNS
# rounds (default 20), each running both once, in turn; prints the medians and the difference.
# JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java measures another JDK; SKIP_BUILD=1 uses the jars built.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
java=${JAVA:-java}
runs=${RUNS:-20}
agent=${AGENT:-$PWD/agent/target/jobstate.jar}
api=$(ls "$PWD"/api/target/jobstate-api-*.jar | sed -n 1p)
classes=$PWD/bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/config.json"

ms() { # prints the wall time of the command in ms
  local start end
  start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
plain=(); code=()
for _ in $(seq "$runs"); do
  rm -rf "$work/state"
  plain+=("$(cd "$work" && ms "$java" -cp "$classes:$api" dev.jobstate.bench.host.OneCodeActivity plain)")
  code+=("$(cd "$work" && ms "$java" -cp "$classes:$api:$agent" dev.jobstate.bench.host.OneCodeActivity)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
p=$(median "${plain[@]}"); c=$(median "${code[@]}")
echo "$("$java" -version 2>&1 | sed -n 1p), $runs rounds"
echo "  body called directly        median ${p} ms"
echo "  one JobState.activity call  median ${c} ms"
echo "  difference                  +$(( ${c%.*} - ${p%.*} )) ms"
