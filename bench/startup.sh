#!/usr/bin/env bash
# What attaching the agent costs at start-up, measured side by side in one run with hyperfine
# (apt-get install hyperfine). Three commands on the sample bot:
#   help-plain     java -jar rewards-bot.jar --help           (no agent)
#   help-agent     the same with -javaagent: the agent starts fully, no activity runs
#   skip-all-agent a whole day already done: every activity skipped and replayed from disk
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
agent=$PWD/agent/target/jobstate.jar
bot=$PWD/samples/target/rewards-bot.jar
cd "$work"
java -javaagent:"$agent" -jar "$bot" > /dev/null   # today's state, so the last command only skips

hyperfine -N --warmup 3 --runs "${RUNS:-15}" \
  -n help-plain "java -jar $bot --help" \
  -n help-agent "java -javaagent:$agent -jar $bot --help" \
  -n skip-all-agent "java -javaagent:$agent -jar $bot"
