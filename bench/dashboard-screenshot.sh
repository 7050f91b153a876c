#!/usr/bin/env bash
# Writes docs/dashboard.png: the dashboard's farm page over a small synthetic farm with a bit of
# everything (FarmGenerator's days, plus an unreadable file, an activity given up on, one in doubt
# and a quarantine), in headless Chromium, 1400×1000. Needs /usr/bin/chromium. Builds the agent jar
# first unless SKIP_BUILD is set. OUT=<file> writes elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-docs/dashboard.png}
export TZ=UTC
[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl api,core,cli,agent package -DskipTests

work=${TMPDIR:-/tmp}/jobstate-dashboard-demo
rm -rf "$work"
state="$work/sessions/job-state"
java cli/src/test/java/dev/jobstate/cli/farm/FarmGenerator.java "$state" 60 7 >/dev/null
today=$(date -u +%F)
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
printf '{"completed": [1, 2' >"$state/user00007@example.com/mobile-search-$today.json"
cat >"$state/user00003@example.com/payments-$today.json" <<JSON
{"date": "$today", "account": "user00003@example.com", "type": "payments", "completed": ["pay-1"],
 "remaining": ["pay-2", "pay-3"], "lastUpdate": "$now",
 "failures": {"pay-3": {"exception": "java.io.IOException", "message": "card declined", "lastFailure": "$now",
   "attempts": 3, "maxAttempts": 3}},
 "started": {"pay-2": "$now"}}
JSON
cat >"$work/config.json" <<JSON
{"jobState": {"dir": "$state", "timezone": "UTC", "quarantine": {"failuresPerDay": 12}}}
JSON

out="$work/serve.out"
java -jar agent/target/jobstate.jar serve --config "$work/config.json" --port 0 >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url=
for _ in $(seq 200); do
  url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$out")
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$out"; exit 1; }
# The page fills itself from its JSON after the load: give its scripts a few (virtual) seconds.
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/chromium" --window-size=1400,1000 --virtual-time-budget=5000 \
  --screenshot="$(realpath -m "$OUT")" "$url" 2>/dev/null
echo "wrote $OUT"
