#!/usr/bin/env bash
# The dashboard at farm scale (dev.jobstate.bench.DashboardTargets): a synthetic farm of ACCOUNTS
# accounts (default 10,000) × 3 types × DAYS days (default 2: today and the day before, whose
# activities today's "not started" counts), then, side by side, `status` over it (time and peak
# RSS) and `serve` over it: the index warming, the farm page's data, the page standing in headless
# Chromium, a checkpoint reaching an open page, serve's CPU while watched and its memory. Needs
# /usr/bin/chromium and /usr/bin/chromedriver. About 2 minutes once the farm exists (generating
# 10,000 × 2 takes ~10 s); FARM=<folder> picks where it goes (kept for the next run).
# PG=1: the same farm imported into PostgreSQL (PG_URL, PG_USER; default the tests' server,
# schema dashboard_bench; the import takes a minute or two, once a day), served from there, each
# checkpoint a `jobstate mark`.
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS=${ACCOUNTS:-10000}
DAYS=${DAYS:-2}
FARM=${FARM:-/tmp/jobstate-dashboard-farm-$ACCOUNTS-$DAYS}
JAVA=${JAVA:-java}
export TZ=UTC # the generator dates its days in UTC; serve and status must see the same today

[[ -n "${SKIP_BUILD:-}" ]] || mvn -B -q -pl bench -am package -DskipTests
# A farm from another day has no today: make it again.
if [[ ! -d "$FARM" ]] || ! compgen -G "$FARM/user00000@example.com/*-$(date -u +%F).json" >/dev/null; then
  rm -rf "$FARM"
  "$JAVA" cli/src/test/java/dev/jobstate/cli/farm/FarmGenerator.java "$FARM" "$ACCOUNTS" "$DAYS"
fi

if [[ -n "${PG:-}" ]]; then
  conf="$FARM.pg.json"
  printf '{"jobState": {"dir": "%s", "timezone": "UTC", "store": "postgres", "postgres": {"url": "%s", "user": "%s", "schema": "dashboard_bench"}}}\n' \
    "$FARM" "${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}" "${PG_USER:-postgres}" >"$conf"
  if [[ ! -f "$FARM/.imported-$(date -u +%F)" ]]; then
    echo "== importing the farm into PostgreSQL"
    "$JAVA" -jar agent/target/jobstate.jar import --from "$FARM" --config "$conf"
    touch "$FARM/.imported-$(date -u +%F)"
  fi
  store=(--config "$conf")
  writer="cli:$conf"
else
  store=(--dir "$FARM")
  writer="files:$FARM"
fi

echo "== status over the same farm, for comparison"
/usr/bin/time -f "status: %e s wall, %M KB peak RSS" "$JAVA" -jar agent/target/jobstate.jar status "${store[@]}" \
  >/dev/null 2>/tmp/jobstate-dashboard-status.time || true
tail -n 1 /tmp/jobstate-dashboard-status.time

echo "== serve"
out=$(mktemp)
# shellcheck disable=SC2086  # SERVE_OPTS is a list of flags
"$JAVA" ${SERVE_OPTS:-} -jar agent/target/jobstate.jar serve "${store[@]}" --port 0 >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
url=
for _ in $(seq 200); do
  url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$out")
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$out"; exit 1; }
echo "$url"
"$JAVA" -cp bench/target/benchmarks.jar dev.jobstate.bench.DashboardTargets "$url" "$pid" "$writer" "${ROUNDS:-20}"
if command -v jcmd >/dev/null 2>&1; then
  jcmd "$pid" GC.run >/dev/null && jcmd "$pid" GC.heap_info | sed -n '2,3p' | sed 's/^/  serve after a full GC: /'
fi
