#!/usr/bin/env bash
# Builds the benchmarks and runs them with bounded settings (about 3 to 4 minutes in all), then
# prints the result tables. The full JMH logs are kept in bench/target/jmh-*.log.
# How to read the figures: bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl bench -am package -DskipTests

JAR=bench/target/benchmarks.jar
OUT=bench/target
# One fork per configuration, short iterations: enough to compare configurations measured
# minutes apart on the same machine, not a precise absolute figure.
CHECKPOINT=(-f 1 -wi 2 -w 2s -i 3 -r 2s -foe true)
SKIP=(-f 1 -wi 3 -w 1s -i 3 -r 1s -foe true)

run() { # name, then JMH arguments
  local name=$1
  shift
  echo "== $name"
  if ! java -jar "$JAR" "$@" -rf text -rff "$OUT/jmh-$name.txt" > "$OUT/jmh-$name.log" 2>&1; then
    tail -n 40 "$OUT/jmh-$name.log"
    echo "benchmark $name failed; full log in $OUT/jmh-$name.log" >&2
    exit 1
  fi
}

started=$SECONDS
run checkpoint-throughput CheckpointBench "${CHECKPOINT[@]}" -bm thrpt -tu s
run checkpoint-latency CheckpointBench "${CHECKPOINT[@]}" -bm sample -tu ms
run skip SkipBench "${SKIP[@]}" -bm avgt -tu ns

echo
echo "Checkpoints per second, all threads together (higher is better):"
cat "$OUT/jmh-checkpoint-throughput.txt"
echo "Each measured iteration of the above, to see the spread (JMH's Error over 3 iterations is very wide):"
awk '/^# Benchmark:/ { sub(/.*\./, "", $3); name = $3 }
     /^# Parameters:/ { params = $3 " " $4 " " $5 }
     /^Iteration/ { line[name " " params] = line[name " " params] " " $3 }
     END { for (k in line) print "  " k ":" line[k] }' "$OUT/jmh-checkpoint-throughput.log" | sort
echo
echo "Time one checkpoint call takes, in ms: mean, median and 99th percentile (lower is better):"
grep -Ev ':p(0\.00|0\.90|0\.95|0\.999|0\.9999|1\.00) ' "$OUT/jmh-checkpoint-latency.txt"
echo
echo "A skipped @Activity call, in ns (lower is better):"
cat "$OUT/jmh-skip.txt"
echo
echo "Done in $((SECONDS - started)) s (after the build). Java: $(java -version 2>&1 | head -n 1)"
