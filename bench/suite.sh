#!/usr/bin/env bash
# What attaching the agent costs a program that has no @Activity at all: the wall-clock time of a
# sizeable third-party test suite, Apache Commons Lang 3.18.0's own tests (~57,000, of which
# ~10,000 by default, see below), from Maven Central (org.apache.commons:commons-lang3:3.18.0:
# jar:tests, resolved by bench/suite/pom.xml), run in one JVM by the JUnit
# Platform Console Launcher, without and with -javaagent:agent/target/jobstate.jar. Nothing in
# commons-lang is annotated, so the agent instruments nothing: this is the price of its presence
# (start-up, plus a look at every class the suite loads). Target: at most +5%.
#
# Usage, from anywhere:   bench/suite.sh          RUNS=3 bench/suite.sh   (runs of each; default 5)
# MVN_ARGS=-o works offline once the dependencies are cached. JAVA picks another java (default:
# java on the PATH).
#
# By default eight slow classes are left out (named below): on 2 CPUs they are three quarters of
# the suite's 6 to 8 minutes, and that time is sleeping (LockingVisitorsTest) or the same few
# classes re-run ~47,000 times (every locale and time zone through FastDateParser). They load
# few classes, so they would only dilute the agent's cost and make ten runs take an hour. What
# remains, ~10,000 tests in ~220 classes, takes about a minute a run. FULL=1 runs every test
# class commons-lang3's build runs, nothing left out.
#
# How to read it: one line per run (its variant, wall time, and the suite's test counts), then the
# median of each variant and the overhead median(agent) / median(plain) - 1. Runs go in pairs,
# plain/agent then agent/plain, and so on (ABBA), so a machine getting slower or faster over the
# minutes of the measurement weighs on both variants alike. Each run gets a new, empty working
# directory: the agent reads the default config (no jobstate.json there), as a real deployment
# that adds the agent without configuring it would.
#
# Correctness check: every run must report the same test counts (found, successful, failed,
# skipped, aborted) as the first one, with or without the agent; otherwise the script stops with
# exit status 1. The agent must not change what its host does. Run logs stay in
# bench/suite/target/runs/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

RUNS=${RUNS:-5}
JAVA=${JAVA:-java}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number, not '$RUNS'" >&2; exit 2; }

# shellcheck disable=SC2086  # MVN_ARGS is a list of flags
mvn -B -q ${MVN_ARGS:-} -pl agent -am package -DskipTests
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -f bench/suite/pom.xml package   # fills bench/suite/target/{lib,launcher}

agent=$root/agent/target/jobstate.jar
target=$root/bench/suite/target
launcher=$target/launcher/junit-platform-console-standalone.jar
tests=$target/lib/commons-lang3-3.18.0-tests.jar
classpath=$(find "$target/lib" -name '*.jar' | sort | paste -sd: -)
logs=$target/runs
rm -rf "$logs"
mkdir -p "$logs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What commons-lang3's own build passes to its test JVM on Java 9+ (its argLine: heapSize and the
# java9+ profile's extraArgs), identical for both variants.
jvm=(-Xmx512m
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.time=ALL-UNNAMED
  --add-opens java.base/java.time.chrono=ALL-UNNAMED)
# The classes commons-lang3's build runs (surefire: **/*Test.java).
suite=(execute --disable-banner --disable-ansi-colors --details=summary
  --class-path "$classpath" --scan-class-path "$tests" --include-classname '.*Test')
# Seconds each took in one run on 2 busy CPUs, of 431 s for all the tests (see the header).
slow=(
  time.FastDateParser_TimeZoneStrategyTest # 134 s, 2,038 tests: every zone of every locale
  time.FastDateParserTest                  # 109 s, 43,773 tests: every locale, era, pattern
  concurrent.locks.LockingVisitorsTest     #  78 s, 19 tests: mostly sleeping
  ClassUtilsOssFuzzTest                    #  19 s, 2 tests
  text.ExtendedMessageFormatTest           #  14 s, 11 tests: every locale
  time.DurationFormatUtilsTest             #  14 s, 33 tests
  builder.ToStringStyleConcurrencyTest     #  14 s, 3 tests: threads
  time.Java15BugFastDateParserTest         #  13 s, 1,034 tests: every locale
)
if [[ ${FULL:-0} != 1 ]]; then
  suite+=(--exclude-classname "org\\.apache\\.commons\\.lang3\\.($(IFS='|'; echo "${slow[*]//./\\.}"))(\\$.*)?")
fi

# One run; prints its wall time in ms. The launcher exits 1 when a test fails: the counts, compared
# below, are what matters, so only a missing summary (the JVM itself failed) stops the script.
run() { # variant (plain|agent), log file
  local dir=$work/$1 start end
  rm -rf "$dir"
  # StringEscapeUtilsTest.testLang708 reads this file relative to the working directory, as in
  # commons-lang's source tree; it is in the tests jar.
  mkdir -p "$dir/src/test/resources"
  (cd "$dir/src/test/resources" && jar xf "$tests" lang-708-input.txt)
  local javaagent=()
  [[ $1 == agent ]] && javaagent=("-javaagent:$agent")
  start=$(date +%s%N)
  (cd "$dir" && "$JAVA" "${javaagent[@]}" "${jvm[@]}" -jar "$launcher" "${suite[@]}") > "$2" 2>&1 || true
  end=$(date +%s%N)
  grep -q 'tests found' "$2" || { tail -n 30 "$2" >&2; echo "run failed, log: $2" >&2; exit 1; }
  echo $(((end - start) / 1000000))
}

counts() { # the launcher's summary, one line: found successful failed skipped aborted
  awk '/tests (found|successful|failed|skipped|aborted) /{ gsub(/[][]/, ""); c[$3] = $1 }
       END { printf "found %s ok %s failed %s skipped %s aborted %s", c["found"], c["successful"], c["failed"], c["skipped"], c["aborted"] }' "$1"
}

median() { # numbers, one a line
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "Commons Lang 3.18.0 test suite ($([[ ${FULL:-0} == 1 ]] && echo all of it || echo "without ${#slow[@]} slow classes")), $RUNS runs without and $RUNS with the agent, alternating."
echo "$("$JAVA" -version 2>&1 | head -n 1); $(nproc) CPUs; $(date -u +'%Y-%m-%d %H:%M UTC')"
printf '%-4s %-6s %10s  %s\n' run agent 'wall (s)' 'tests'
expected=
plain_ms=()
agent_ms=()
n=0
for ((pair = 0; pair < RUNS; pair++)); do
  if ((pair % 2 == 0)); then order=(plain agent); else order=(agent plain); fi
  for variant in "${order[@]}"; do
    n=$((n + 1))
    log=$logs/$(printf '%02d' "$n")-$variant.log
    ms=$(run "$variant" "$log")
    got=$(counts "$log")
    if [[ $variant == plain ]]; then plain_ms+=("$ms"); else agent_ms+=("$ms"); fi
    printf '%-4s %-6s %10.1f  %s\n' "$n" "$([[ $variant == agent ]] && echo yes || echo no)" \
      "$(awk -v ms="$ms" 'BEGIN { print ms / 1000 }')" "$got"
    if [[ -z $expected ]]; then
      expected=$got
    elif [[ $got != "$expected" ]]; then
      echo "run $n ($variant) counted '$got', run 1 counted '$expected': the results differ." >&2
      echo "Failures are listed in $log; compare with $logs/01-plain.log." >&2
      exit 1
    fi
  done
done

plain=$(printf '%s\n' "${plain_ms[@]}" | median)
with=$(printf '%s\n' "${agent_ms[@]}" | median)
echo
awk -v p="$plain" -v a="$with" 'BEGIN {
  o = (a / p - 1) * 100
  printf "median without the agent  %8.1f s\n", p / 1000
  printf "median with the agent     %8.1f s\n", a / 1000
  printf "overhead                  %+8.1f %%   (target: at most +5%%: %s)\n", o, (o <= 5 ? "met" : "NOT met")
}'
echo "Same test counts in every run: $expected. Logs: $logs/"
