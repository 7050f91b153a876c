#!/usr/bin/env bash
# The operator CLI at farm scale, two jars side by side (BENCHMARKS.md, "The operator CLI at farm
# scale"): status over today's files and report --days 30 over every file of a synthetic farm,
# each run with -Xmx256m under /usr/bin/time, ROUNDS rounds (default 3) in which the jars take
# turns, so a noisy moment of a shared machine hits both alike. status runs twice a round for each
# jar: first with .cache/status deleted, then again with nothing changed (the before jar may keep
# nothing; then both are first runs). Report runs twice a round for each jar: first with .cache
# deleted, then again with nothing changed (each jar from the cache it wrote). Also checks that
# both jars print the same status (text and --json) and write the same report (but for the line
# that says when it was made): a speed-up that changed an answer is a bug. Each round also times the
# floor (StatusFloor in bench/): the same folders and files stat-ed, listed and read on the same
# threads, and nothing else, which no change to status can go below.
#
#   BEFORE=/tmp/jobstate-before.jar bench/cli-scale.sh
#
# BEFORE: the jar to compare with (required; build main's and copy it). AFTER: default
# agent/target/jobstate.jar, built first unless SKIP_BUILD=1. FARM: default /tmp/scale/s30,
# generated when missing with ACCOUNTS (10000) × 3 types × DAYS (30): 900,000 files, ~3.5 GB,
# about two minutes. JAVA picks another JDK. ONLY=status times status alone (no report), for a
# round on status that should not wait minutes for the report's.
set -euo pipefail
cd "$(dirname "$0")/.."

before=${BEFORE:?BEFORE=<jobstate.jar to compare with>}
after=${AFTER:-$PWD/agent/target/jobstate.jar}
farm=${FARM:-/tmp/scale/s30}
rounds=${ROUNDS:-3}
java=${JAVA:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -n "${SKIP_BUILD:-}" || -n "${AFTER:-}" ]] || mvn -B -o -q package -DskipTests -pl api,core,cli,agent
if [[ ! -d "$farm" ]]; then
  echo "generating $farm (df: $(df -h --output=avail "$(dirname "$farm")" | tail -1) free)"
  mkdir -p "$(dirname "$farm")"
  "$java" cli/src/test/java/dev/jobstate/cli/farm/FarmGenerator.java "$farm" "${ACCOUNTS:-10000}" "${DAYS:-30}"
fi

# One timed command: appends "<label> <wall s> <user s> <sys s> <peak RSS KB>" to $work/times.
timed() {
  local label=$1
  shift
  /usr/bin/time -o "$work/one" -f "%e %U %S %M" "$java" -Xmx256m -jar "$@" > "$work/out" 2> "$work/err" \
    || { [[ $? == 1 ]] || { cat "$work/err"; exit 1; }; }
  echo "$label $(cat "$work/one")" >> "$work/times"
}

same() {
  cmp -s "$1" "$2" || { echo "DIFFERENT: $1 $2"; diff "$1" "$2" | head -20; exit 1; }
}

undated() {
  sed -E 's/ · generated [^(<]*\(/ · generated (/' "$1"
}

# The floor: what stat-ing, listing and reading the same files costs with nothing else done (StatusFloor).
javac -d "$work/floor" bench/src/main/java/dev/jobstate/bench/StatusFloor.java

for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds"
  /usr/bin/time -o "$work/one" -f "%e %U %S %M" "$java" -Xmx256m -cp "$work/floor" dev.jobstate.bench.StatusFloor "$farm" \
    > "$work/floor.out"
  echo "status-floor $(cat "$work/one")" >> "$work/times"
  for jar in before after; do
    [[ $jar == before ]] && path=$before || path=$after
    # status twice: first with nothing kept (.cache/status deleted), then again with nothing changed.
    rm -rf "$farm/.cache/status"
    timed "status-$jar" "$path" status --dir "$farm"
    cp "$work/out" "$work/status-$jar.txt"
    timed "status-again-$jar" "$path" status --dir "$farm"
    same "$work/status-$jar.txt" "$work/out"
    "$java" -Xmx256m -jar "$path" status --dir "$farm" --json > "$work/status-$jar.json" || true
    [[ ${ONLY:-} == status ]] && continue
    rm -rf "$farm/.cache"
    timed "report-$jar" "$path" report --dir "$farm" --out "$work/report-$jar.html" --days 30
    undated "$work/report-$jar.html" > "$work/report-$jar.undated"
    timed "report-again-$jar" "$path" report --dir "$farm" --out "$work/again.html" --days 30
    undated "$work/again.html" > "$work/again.undated"
    same "$work/report-$jar.undated" "$work/again.undated"
  done
  same "$work/status-before.txt" "$work/status-after.txt"
  same "$work/status-before.json" "$work/status-after.json"
  [[ ${ONLY:-} == status ]] || same "$work/report-before.undated" "$work/report-after.undated"
done
if [[ ${ONLY:-} == status ]]; then
  echo "outputs identical: status, status --json (status only timed)"
else
  echo "outputs identical: status, status --json, report (and each jar's report from its cache)"
fi

echo "each run: label wall user sys peak-RSS-KB"; cat "$work/times"
awk '
  { n[$1]++; w[$1, n[$1]] = $2; cpu[$1] += $3 + $4; if ($5 > rss[$1]) rss[$1] = $5 }
  END {
    printf "%-20s %8s %8s %8s %10s %12s\n", "run", "median", "min", "max", "cpu/run", "peak RSS"
    split("status-floor status-before status-after status-again-before status-again-after report-before report-after report-again-before report-again-after", order, " ")
    for (o = 1; o <= 9; o++) {
      k = order[o]
      m = n[k]
      if (m == 0) continue
      for (i = 1; i <= m; i++) v[i] = w[k, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      med[k] = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
      printf "%-20s %7.2fs %7.2fs %7.2fs %9.2fs %9d MB\n", k, med[k], v[1], v[m], cpu[k] / m, rss[k] / 1024
    }
    printf "status: %.1fx first run, %.1fx again (medians, before / after)\n",
      med["status-before"] / med["status-after"], med["status-again-before"] / med["status-again-after"]
    printf "status first run over the floor (stat, list and read alone, StatusFloor): %.2fx before, %.2fx after\n",
      med["status-before"] / med["status-floor"], med["status-after"] / med["status-floor"]
    if (n["report-after"])
      printf "report: %.1fx first run, %.1fx again (medians, before / after)\n",
        med["report-before"] / med["report-after"], med["report-again-before"] / med["report-again-after"]
  }' "$work/times"
