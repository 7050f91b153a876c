# Sourced by the start-up scripts (startup.sh, startup-cds.sh): whole JVMs timed by wall clock in
# alternating rounds, so that a noisy moment of a shared machine hits every command alike.
# The sourcing script sets: java, runs, work (a scratch folder), and the arrays names and commands.

# The empty agent (a premain that does nothing: the JVM's own price for -javaagent) as $work/empty-agent.jar,
# and the bench's classes without it as $work/host-classes, the hosts' class path: with the agent's
# class on the class path the JVM would load it from there and never open the agent's jar, as it
# must open jobstate.jar.
empty_agent_and_hosts() {
  local built=$1
  printf 'Premain-Class: dev.jobstate.bench.host.EmptyAgent\n' > "$work/manifest"
  jar cfm "$work/empty-agent.jar" "$work/manifest" -C "$built" dev/jobstate/bench/host/EmptyAgent.class
  cp -r "$built" "$work/host-classes"
  rm "$work/host-classes/dev/jobstate/bench/host/EmptyAgent.class"
}

# Every command once to warm the page cache, then $runs rounds; the state folder emptied before each.
timed_rounds() {
  local i round start
  for ((i = 0; i < ${#names[@]}; i++)); do
    rm -rf "$work/state"
    ${commands[i]} > /dev/null
  done
  for ((round = 0; round < runs; round++)); do
    for ((i = 0; i < ${#names[@]}; i++)); do
      rm -rf "$work/state"
      start=$(date +%s%N)
      ${commands[i]} > /dev/null
      echo $(( ($(date +%s%N) - start) / 1000 )) >> "$work/${names[i]}"
    done
  done
}

median() { sort -n "$work/$1" | awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000 }'; }
spread() { sort -n "$work/$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f-%.1f", lo / 1000, hi / 1000 }'; }
diff() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", a - b }'; }

# Prints each command's median and range, and keeps the medians in the associative array m.
declare -A m
print_medians() {
  local name
  for name in "${names[@]}"; do
    m[$name]=$(median "$name")
    printf '  %-20s %8s ms   (min-max %s)\n' "$name" "${m[$name]}" "$(spread "$name")"
  done
}
