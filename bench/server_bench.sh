#!/usr/bin/env bash
# Server checks (issue: platform foundation), on SQLite or PostgreSQL:
#  - an authenticated GET of the organisation dashboard JSON sustains at least
#    50 % of the throughput of the server's hello-world-sized endpoint
#    (GET /api/v1/health) measured in the same run, with p99 under 10 ms
#    (wrk, 64 connections, 2 threads);
#  - idle resident memory under 50 MB; start-up under 200 ms.
#  On PostgreSQL (a throwaway server beside the bench, sharing its cores) the
#  goal is 30 % of hello-world, p99 under 10 ms; memory and start-up are
#  SQLite's figures only.
#   bench/server_bench.sh [--db sqlite|postgresql|URL] [VALUEMARK_BINARY]
#   SECONDS_PER_RUN per wrk run (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/db.sh"
bench_db_args "$@"
binary="${bench_args[0]:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
seconds="${SECONDS_PER_RUN:-10}"
command -v wrk >/dev/null || { echo "error: wrk is missing (scripts/install-deps.sh bench)" >&2; exit 2; }
work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

db="${db_url:-sqlite:$work/bench.db}"
"$binary" seed-demo --db "$db" >/dev/null
start=$(date +%s.%N)
"$binary" serve --db "$db" --listen 127.0.0.1:0 --log-level warn --threads 2 > "$work/out" 2>"$work/err" &
pid=$!
bench_wait_listening
ready=$(date +%s.%N)
url=$(grep -o 'http://[0-9.:]*' "$work/out" | head -1)
sleep 1
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"lead@riverside.example","password":"valuemark-demo"}' "$url/api/v1/auth/login" >/dev/null
cookie=$(awk '$6 == "vm_session" {print $7}' "$work/cookies")
org=$(curl -s -b "vm_session=$cookie" "$url/api/v1/me" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["organisations"][0]["id"])')

run() {  # url [header] -> "requests/s p99_ms"
  local out
  if [[ $# -gt 1 ]]; then out=$(wrk -t2 -c64 -d"${seconds}s" --latency -H "$2" "$1"); else out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$1"); fi
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $p99"
}
read -r hello_rps hello_p99 < <(run "$url/api/v1/health")
read -r dash_rps dash_p99 < <(run "$url/api/v1/organisations/$org/dashboard" "Cookie: vm_session=$cookie")

/usr/bin/python3 - "$db_kind" "$start" "$ready" "$rss_kb" "$hello_rps" "$hello_p99" "$dash_rps" "$dash_p99" <<'PY'
import sys
kind = sys.argv[1]
start, ready, rss_kb, hello, hello_p99, dash, dash_p99 = map(float, sys.argv[2:])
startup_ms = (ready - start) * 1000
ratio = dash / hello
if kind == "sqlite":
    checks = [("dashboard / hello-world throughput >= 50 %", ratio >= 0.5),
              ("dashboard p99 < 10 ms", dash_p99 < 10), ("idle RSS < 50 MB", rss_kb / 1024 < 50),
              ("start-up < 200 ms", startup_ms < 200)]
else:
    checks = [("dashboard / hello-world throughput >= 30 %", ratio >= 0.3),
              ("dashboard p99 < 10 ms", dash_p99 < 10)]
print(f"hello-world (GET /api/v1/health): {hello:,.0f} req/s, p99 {hello_p99:.2f} ms")
print(f"dashboard (authenticated, {kind}): {dash:,.0f} req/s, p99 {dash_p99:.2f} ms  = {ratio:.0%} of hello-world")
print(f"idle resident memory: {rss_kb/1024:.1f} MB; start-up (process start to listening): {startup_ms:.0f} ms")
for name, ok in checks:
    print(("PASS " if ok else "FAIL ") + name)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
