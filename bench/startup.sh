#!/usr/bin/env bash
# What attaching the agent costs at start-up: whole JVMs, wall clock, RUNS rounds (default 20) in
# which every command runs once, in turn, so a noisy moment hits all of them alike. Prints the
# median of each and the differences the start-up targets are about (BENCHMARKS.md):
#   hello        a host without any of our annotations; main prints and exits
#   one-activity the smallest bot: one @Activity called once (it runs and is checkpointed;
#                the state folder is emptied before every run)
#   one-scope    the same, handed to a pool by a method with an @Account parameter: entering it is
#                when the agent instruments the JDK's executors and threads
#   one-activity-restart  the one-activity host again on a day it already did its activity (a state
#                folder kept between runs): the restart after a crash, which reads the day and skips
# each without the agent, with jobstate.jar, and (for hello and one-activity) with an agent that
# does nothing: the JVM's own price for -javaagent, which no agent can go below (the targets are
# measured from it).
# JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup.sh measures another JDK;
# SKIP_BUILD=1 uses the jars already built. AGENT=path/to/jobstate.jar measures another build of the
# agent with the same hosts; BASELINE=<another jobstate.jar> also runs the agent hosts with that jar
# in the same rounds (main before a change, say), for a side-by-side comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
java=${JAVA:-java}
runs=${RUNS:-20}
agent=${AGENT:-$PWD/agent/target/jobstate.jar}
built=$PWD/bench/target/classes
api=$(ls "$PWD"/api/target/jobstate-api-*.jar | grep -v -e -javadoc -e -sources | sed -n 1p) # not the javadoc jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source bench/timed-rounds.sh
empty_agent_and_hosts "$built"
classes=$work/host-classes
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/jobstate.json"
with_agent="-javaagent:$agent=config=$work/jobstate.json"
# Never emptied: after the first run every run of these finds its activity done today and skips it.
printf '{"jobState": {"dir": "%s/kept"}}\n' "$work" > "$work/kept.json"
printf '{"jobState": {"dir": "%s/kept-baseline"}}\n' "$work" > "$work/kept-baseline.json"

names=(hello-plain hello-empty-agent hello-agent one-activity-plain one-activity-empty-agent one-activity-agent
  one-scope-plain one-scope-agent one-activity-restart-agent)
commands=(
  "$java -cp $classes dev.jobstate.bench.host.Hello"
  "$java -javaagent:$work/empty-agent.jar -cp $classes dev.jobstate.bench.host.Hello"
  "$java $with_agent -cp $classes dev.jobstate.bench.host.Hello"
  "$java -cp $classes:$api dev.jobstate.bench.host.OneActivity"
  "$java -javaagent:$work/empty-agent.jar -cp $classes:$api dev.jobstate.bench.host.OneActivity"
  "$java $with_agent -cp $classes:$api dev.jobstate.bench.host.OneActivity"
  "$java -cp $classes:$api dev.jobstate.bench.host.OneScope"
  "$java $with_agent -cp $classes:$api dev.jobstate.bench.host.OneScope"
  "$java -javaagent:$agent=config=$work/kept.json -cp $classes:$api dev.jobstate.bench.host.OneActivity"
)
if [[ -n "${BASELINE:-}" ]]; then
  with_baseline="-javaagent:$(realpath "$BASELINE")=config=$work/jobstate.json"
  names+=(hello-baseline one-activity-baseline one-scope-baseline one-activity-restart-baseline)
  commands+=(
    "$java $with_baseline -cp $classes dev.jobstate.bench.host.Hello"
    "$java $with_baseline -cp $classes:$api dev.jobstate.bench.host.OneActivity"
    "$java $with_baseline -cp $classes:$api dev.jobstate.bench.host.OneScope"
    "$java -javaagent:$(realpath "$BASELINE")=config=$work/kept-baseline.json -cp $classes:$api dev.jobstate.bench.host.OneActivity"
  )
fi

timed_rounds

echo "Start-up, wall clock in ms, median of $runs alternating runs ($($java -version 2>&1 | sed -n 1p)), agent $agent:"
print_medians
echo
echo "  host without annotations, agent vs no agent:    $(diff "${m[hello-agent]}" "${m[hello-plain]}") ms (target: the empty agent + 10 ms)"
echo "      of which the JVM's own -javaagent price:    $(diff "${m[hello-empty-agent]}" "${m[hello-plain]}") ms (an agent that does nothing)"
echo "      jobstate's own share:                       $(diff "${m[hello-agent]}" "${m[hello-empty-agent]}") ms"
echo "  one @Activity called once, agent vs no agent:   $(diff "${m[one-activity-agent]}" "${m[one-activity-plain]}") ms"
echo "      vs the empty agent (target <= +250 ms):     $(diff "${m[one-activity-agent]}" "${m[one-activity-empty-agent]}") ms"
echo "  the same handed to a pool inside a scope:       $(diff "${m[one-scope-agent]}" "${m[one-scope-plain]}") ms"
echo "      more than one-activity's (the JDK instrumented when the scope opens, the hand-over):" \
  "$(awk -v a="${m[one-scope-agent]}" -v b="${m[one-scope-plain]}" -v c="${m[one-activity-agent]}" \
    -v d="${m[one-activity-plain]}" 'BEGIN { printf "%+.1f", (a - b) - (c - d) }') ms"
echo "  a restart that finds its activity done and skips it, vs no agent: $(diff "${m[one-activity-restart-agent]}" \
  "${m[one-activity-plain]}") ms"
if [[ -n "${BASELINE:-}" ]]; then
  echo "  this tree vs BASELINE, host without annotations: $(diff "${m[hello-agent]}" "${m[hello-baseline]}") ms"
  echo "  this tree vs BASELINE, one @Activity called once: $(diff "${m[one-activity-agent]}" "${m[one-activity-baseline]}") ms"
  echo "  this tree vs BASELINE, handed over in a scope:   $(diff "${m[one-scope-agent]}" "${m[one-scope-baseline]}") ms"
  echo "  this tree vs BASELINE, a restart that skips:     $(diff "${m[one-activity-restart-agent]}" \
    "${m[one-activity-restart-baseline]}") ms"
fi
