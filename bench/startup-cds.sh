#!/usr/bin/env bash
# What a class-data-sharing archive does for a bot started with the agent, for users who opt in
# (BENCHMARKS.md, "Start-up"). The one-activity host of bench/startup.sh, packed in a jar as a bot is:
#   JDK 17-24: an AppCDS archive of the classes a first run loads (-XX:DumpLoadedClassList, then
#              -Xshare:dump). The agent jar must also be on -cp, at dump and at run time: -javaagent
#              appends it to the class path only after the JVM has checked the archive's class path.
#   JDK 25+:   an AOT cache (-XX:AOTCacheOutput on a first run, then -XX:AOTCache), the agent as usual.
# RUNS rounds (default 10), each command once per round; medians with min-max.
# JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup-cds.sh for JDK 25; SKIP_BUILD=1 and
# AGENT= as in startup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
java=${JAVA:-java}
runs=${RUNS:-10}
agent=$(realpath "${AGENT:-$PWD/agent/target/jobstate.jar}")
api=$(ls "$PWD"/api/target/jobstate-api-*.jar | grep -v -e -javadoc -e -sources | sed -n 1p)
classes=$PWD/bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source bench/timed-rounds.sh
empty_agent_and_hosts "$classes"
jar cf "$work/host.jar" -C "$work/host-classes" dev/jobstate/bench/host
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/jobstate.json"
with_agent="-javaagent:$agent=config=$work/jobstate.json"
host="$work/host.jar:$api"
feature=$($java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

if ((feature >= 25)); then
  $java -XX:AOTCacheOutput="$work/app.aot" $with_agent -cp "$host" dev.jobstate.bench.host.OneActivity > /dev/null 2>&1
  with_archive="-XX:AOTCache=$work/app.aot $with_agent -cp $host"
  kind="an AOT cache (-XX:AOTCache)"
else
  $java -XX:DumpLoadedClassList="$work/classes.lst" $with_agent -cp "$host" dev.jobstate.bench.host.OneActivity \
    > /dev/null
  $java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/app.jsa" \
    -cp "$host:$agent" > /dev/null 2>&1
  with_archive="-XX:SharedArchiveFile=$work/app.jsa -Xshare:on $with_agent -cp $host:$agent"
  kind="an AppCDS archive (-XX:SharedArchiveFile)"
fi

names=(plain empty-agent jobstate jobstate-archive)
commands=(
  "$java -cp $host dev.jobstate.bench.host.OneActivity"
  "$java -javaagent:$work/empty-agent.jar -cp $host dev.jobstate.bench.host.OneActivity"
  "$java $with_agent -cp $host dev.jobstate.bench.host.OneActivity"
  "$java $with_archive dev.jobstate.bench.host.OneActivity"
)
timed_rounds

echo "One @Activity called once, with and without $kind; median of $runs alternating runs ($($java -version 2>&1 | sed -n 1p)):"
print_medians
echo
echo "  jobstate vs the empty agent:                  $(diff "${m[jobstate]}" "${m[empty-agent]}") ms"
echo "  jobstate with the archive vs the empty agent: $(diff "${m[jobstate-archive]}" "${m[empty-agent]}") ms"
