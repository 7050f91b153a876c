#!/usr/bin/env bash
# What starting jobstate in a running JVM costs, wall clock, RUNS rounds (default 10), medians:
#   install-helper   JobState.install() on the JDK's defaults: attached by a helper process
#                    (java -jar jobstate.jar attach <pid>), timed inside the host around the call
#   install-self     the same with -Djdk.attach.allowAttachSelf=true: attached in process
#   attach-command   java -jar jobstate.jar attach <pid> on a host that waits, timed from outside
#                    (the command's whole JVM, start to exit)
# The host has one annotated class, loaded before the attach, so each includes the retransformation
# and jobstate's start. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java measures another JDK;
# SKIP_BUILD=1 uses the jars already built; AGENT=<another jobstate.jar> measures that build instead.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -o package -DskipTests -pl api,core,cli,agent
java=${JAVA:-java}
javac=$(dirname "$(readlink -f "$(command -v "$java")")")/javac
runs=${RUNS:-10}
agent=${AGENT:-$PWD/agent/target/jobstate.jar}
api=$(ls "$PWD"/api/target/jobstate-api-*.jar | grep -v -e sources -e javadoc | sed -n 1p)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/host" "$work/classes"
cat > "$work/src/host/Timed.java" <<'JAVA'
package host;

import dev.jobstate.Activity;
import dev.jobstate.JobState;
import java.nio.file.Files;
import java.nio.file.Path;

public class Timed {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--wait")) {
            System.out.println("READY");
            while (!Files.exists(Path.of(args[1]))) {
                Thread.sleep(5);
            }
            return;
        }
        long began = System.nanoTime();
        boolean active = JobState.install();
        long took = System.nanoTime() - began;
        work();
        System.out.printf("%d %s%n", took / 1_000_000, active);
    }

    @Activity(type = "timing", id = "work")
    static void work() {
    }
}
JAVA
"$javac" -d "$work/classes" -cp "$api" "$work/src/host/Timed.java"
printf '{"jobState": {"dir": "%s/state"}}\n' "$work" > "$work/jobstate.json"
cp="$work/classes:$api:$agent"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

: > "$work/helper"; : > "$work/self"; : > "$work/command"
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/state"
  (cd "$work" && "$java" -Djobstate.config="$work/jobstate.json" -cp "$cp" host.Timed 2>/dev/null) | awk '{print $1}' >> "$work/helper"
  rm -rf "$work/state"
  (cd "$work" && "$java" -Djdk.attach.allowAttachSelf=true -Djobstate.config="$work/jobstate.json" -cp "$cp" host.Timed 2>/dev/null) | awk '{print $1}' >> "$work/self"
  rm -rf "$work/state" "$work/go"
  (cd "$work" && exec "$java" -cp "$cp" host.Timed --wait "$work/go" > "$work/out" 2>/dev/null) &
  host=$!
  until grep -q READY "$work/out" 2>/dev/null; do sleep 0.01; done
  began=$(date +%s%N)
  "$java" -jar "$agent" attach "$host" "config=$work/jobstate.json" > /dev/null
  echo $(( ($(date +%s%N) - began) / 1000000 )) >> "$work/command"
  touch "$work/go"; wait "$host"
done
"$java" -version 2>&1 | sed -n 1p
printf 'install-helper  %s ms\n' "$(median < "$work/helper")"
printf 'install-self    %s ms\n' "$(median < "$work/self")"
printf 'attach-command  %s ms\n' "$(median < "$work/command")"
