#!/usr/bin/env bash
# Live recalculation (issue 5): after an edit to a 500-outcome impact map, the
# recalculated results — SROI, sensitivity and a 10,000-draw Monte Carlo —
# come back from the server in under 100 ms. Measured on SQLite or PostgreSQL,
# one client on one keep-alive connection, against GET /api/v1/health in the
# same run:
#   - "saved": PUT the edited map (a new version), then GET /results,
#     /sensitivity and /montecarlo?draws=10000 one after another;
#   - "live": POST /impact-maps/calculate?draws=10000 with the edited map (what
#     the editor sends as a cell changes: all four analyses in one answer).
#   bench/impact_map_bench.sh [--db sqlite|postgresql|URL] [VALUEMARK_BINARY]
#   ROUNDS (default 30)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/db.sh"
bench_db_args "$@"
binary="${bench_args[0]:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
bench_demo_server "$binary"
/usr/bin/python3 "$here/make_map.py" 500 > "$work/map.json"

/usr/bin/python3 - "$url" "$work/map.json" "${ROUNDS:-30}" <<'PY'
import http.client, json, statistics, sys, time, urllib.parse
url, map_path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(host.hostname, host.port)
cookie, csrf = "", ""

def call(method, path, body=None):
    headers = {"Cookie": cookie, "X-CSRF-Token": csrf}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, "/api/v1" + path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    for k, v in r.getheaders():
        if k.lower() == "set-cookie" and v.startswith("vm_session="):
            globals()["cookie"] = v.split(";")[0]
    return json.loads(data) if data else None

signed = call("POST", "/auth/login", json.dumps({"email": "lead@riverside.example", "password": "valuemark-demo"}))
csrf = signed["csrf_token"]
org = call("GET", "/me")["organisations"][0]["id"]
doc = json.load(open(map_path))
created = call("POST", f"/organisations/{org}/impact-maps", json.dumps(doc))
map_id = created["id"]
version = created["version"]

def timed(fn):
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000

health, saved, live = [], [], []
for i in range(rounds):
    health.append(timed(lambda: call("GET", "/health")))
    doc["outcomes"][i % 500]["quantity"]["mode"] += 1  # the edit: one cell
    body = dict(doc, version=version)
    def after_save():
        global version
        version = call("PUT", f"/impact-maps/{map_id}", json.dumps(body))["version"]
        call("GET", f"/impact-maps/{map_id}/results")
        call("GET", f"/impact-maps/{map_id}/sensitivity")
        mc = call("GET", f"/impact-maps/{map_id}/montecarlo?draws=10000&seed=1")
        assert mc["draws"] == 10000
    saved.append(timed(after_save))
    live.append(timed(lambda: call("POST", "/impact-maps/calculate?draws=10000&seed=1", json.dumps(doc))))

def p95(xs):
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]
h, s, l = statistics.median(health), statistics.median(saved), statistics.median(live)
print(f"reference GET /api/v1/health: median {h:.2f} ms")
print(f"edit saved (PUT + results + sensitivity + 10,000-draw Monte Carlo), 500 outcomes: "
      f"median {s:.1f} ms, p95 {p95(saved):.1f} ms ({s / h:.0f}x the reference)")
print(f"live analysis (POST /impact-maps/calculate, 10,000 draws), 500 outcomes: "
      f"median {l:.1f} ms, p95 {p95(live):.1f} ms")
ok = s < 100 and l < 100
print(("PASS " if ok else "FAIL ") + "recalculated results after an edit < 100 ms (median)")
sys.exit(0 if ok else 1)
PY
