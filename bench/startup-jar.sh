#!/usr/bin/env bash
# Where a host without our annotations pays for jobstate.jar (BENCHMARKS.md, issue 17's fourth
# round): Hello, RUNS rounds (default 20) of alternating whole JVMs, with
#   empty-small    an agent that does nothing, from its own one-class jar (the JVM's own price)
#   empty-big      the same agent packed with every entry of jobstate.jar: the price of its size
#   empty-nested   the same agent in a small jar holding jobstate.jar as one stored entry: what a
#                  bootstrap jar with the rest nested inside would pay for it
#   noop-transformer  an agent from its own one-class jar whose premain registers a transformer
#                  that changes nothing: the JVM's price for any transformer
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
printf 'Premain-Class: dev.jobstate.bench.host.NoopTransformerAgent\n' > "$work/noop-manifest"
jar cfm "$work/noop-transformer.jar" "$work/noop-manifest" -C "$built" dev/jobstate/bench/host/NoopTransformerAgent.class \
  -C "$built" 'dev/jobstate/bench/host/NoopTransformerAgent$1.class'
rm "$work"/host-classes/dev/jobstate/bench/host/NoopTransformerAgent*.class # loaded from its jar, as an agent is
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/jobstate.json"

hello="-cp $work/host-classes dev.jobstate.bench.host.Hello"
names=(empty-small empty-big empty-nested noop-transformer jobstate)
commands=(
  "$java -javaagent:$work/empty-agent.jar $hello"
  "$java -javaagent:$work/empty-big.jar $hello"
  "$java -javaagent:$work/empty-nested.jar $hello"
  "$java -javaagent:$work/noop-transformer.jar $hello"
  "$java -javaagent:$agent=config=$work/jobstate.json $hello"
)
timed_rounds

echo "A host without annotations, wall clock in ms, median of $runs alternating runs ($($java -version 2>&1 | sed -n 1p)):"
print_medians
echo
echo "  the size of jobstate.jar (empty-big - empty-small):          $(diff "${m[empty-big]}" "${m[empty-small]}") ms"
echo "  a nested layout's jar (empty-nested - empty-small):          $(diff "${m[empty-nested]}" "${m[empty-small]}") ms"
echo "  jobstate's premain and byte scans (jobstate - empty-big):    $(diff "${m[jobstate]}" "${m[empty-big]}") ms"
echo "      of which any transformer (noop-transformer - empty-small): $(diff "${m[noop-transformer]}" "${m[empty-small]}") ms"
echo "  the floor of a transformer in a jar of this size:            $(awk -v a="${m[empty-big]}" -v b="${m[noop-transformer]}" \
  -v c="${m[empty-small]}" 'BEGIN { printf "%+.1f", (a - c) + (b - c) }') ms over empty-small"
echo "  jobstate against the target's floor (jobstate - empty-small): $(diff "${m[jobstate]}" "${m[empty-small]}") ms (target <= +10)"
