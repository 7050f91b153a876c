#!/usr/bin/env bash
# Where a host without our annotations pays for jobstate.jar (BENCHMARKS.md, issue 17's fourth
# round): Hello, RUNS rounds (default 20) of alternating whole JVMs, with
#   empty-small    an agent that does nothing, from its own one-class jar (the JVM's own price)
#   empty-big      the same agent packed with every entry of jobstate.jar: the price of its size
#   empty-nested   the same agent in a small jar holding jobstate.jar as one stored entry: what a
#                  bootstrap jar with the rest nested inside would pay for it
#   jobstate       jobstate.jar itself
# SKIP_BUILD=1 uses the jars built; JAVA picks another JDK; AGENT another jobstate.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
java=${JAVA:-java}
runs=${RUNS:-20}
agent=$(realpath "${AGENT:-agent/target/jobstate.jar}")
built=$PWD/bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source bench/timed-rounds.sh
empty_agent_and_hosts "$built"
empty_class=dev/jobstate/bench/host/EmptyAgent.class
mkdir -p "$work/big" "$work/nested/dev/jobstate/bench/host"
(cd "$work/big" && unzip -q "$agent" && rm META-INF/MANIFEST.MF)
mkdir -p "$work/big/dev/jobstate/bench/host" && cp "$built/$empty_class" "$work/big/$empty_class"
jar cfm "$work/empty-big.jar" "$work/manifest" -C "$work/big" .
cp "$built/$empty_class" "$work/nested/$empty_class"
cp "$agent" "$work/nested/jobstate.jar"
jar cfm0 "$work/empty-nested.jar" "$work/manifest" -C "$work/nested" .
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/jobstate.json"

hello="-cp $work/host-classes dev.jobstate.bench.host.Hello"
names=(empty-small empty-big empty-nested jobstate)
commands=(
  "$java -javaagent:$work/empty-agent.jar $hello"
  "$java -javaagent:$work/empty-big.jar $hello"
  "$java -javaagent:$work/empty-nested.jar $hello"
  "$java -javaagent:$agent=config=$work/jobstate.json $hello"
)
timed_rounds

echo "A host without annotations, wall clock in ms, median of $runs alternating runs ($($java -version 2>&1 | sed -n 1p)):"
print_medians
echo
echo "  the size of jobstate.jar (empty-big - empty-small):          $(diff "${m[empty-big]}" "${m[empty-small]}") ms"
echo "  a nested layout's jar (empty-nested - empty-small):          $(diff "${m[empty-nested]}" "${m[empty-small]}") ms"
echo "  jobstate's premain and byte scans (jobstate - empty-big):    $(diff "${m[jobstate]}" "${m[empty-big]}") ms"
echo "  jobstate against the target's floor (jobstate - empty-small): $(diff "${m[jobstate]}" "${m[empty-small]}") ms (target <= +10)"
