#!/usr/bin/env bash
# SROI speed check: `valuemark sroi` on a 10,000-outcome map, JSON output, must
# take under 50 ms including process start. Reported beside a reference run of
# `valuemark --version` (process start alone) in the same script, because the
# machine is shared and noisy.
#
#   bench/sroi_bench.sh [VALUEMARK_BINARY]      RUNS (default 15; best counts)
# Exit status: 0 PASS, 1 FAIL, 2 could not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
runs="${RUNS:-15}"
[[ -x "$binary" ]] || { echo "error: $binary not found: run make build" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/make_sroi_map.py" 10000 > "$work/map.json"

/usr/bin/python3 - "$binary" "$work/map.json" "$runs" <<'PY'
import math, subprocess, sys, time
binary, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def best(cmd):
    b = math.inf
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        b = min(b, time.perf_counter() - t)
    return b
reference = best([binary, "--version"])
sroi = best([binary, "sroi", path, "--format", "json"])
ok = sroi < 0.050
print(f"sroi, 10,000 outcomes, JSON out: {sroi*1000:.1f} ms (best of {runs}); limit 50 ms")
print(f"reference (valuemark --version): {reference*1000:.1f} ms; sroi / reference = {sroi/reference:.1f}x")
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
