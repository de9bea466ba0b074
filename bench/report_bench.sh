#!/usr/bin/env bash
# Report speed check: `valuemark report --pdf` on a 200-outcome map (every
# outcome with uncertainty ranges, so the report's 10,000 Monte Carlo draws,
# sensitivity and principles check all run) must take under 300 ms including
# process start, font set-up and writing the 40-odd pages. Reported beside a
# reference run of `valuemark sroi` on the same map in the same script,
# because the machine is shared and noisy; the HTML report is shown too.
#
#   bench/report_bench.sh [VALUEMARK_BINARY]      RUNS (default 9; best counts)
# Exit status: 0 PASS, 1 FAIL, 2 could not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
runs="${RUNS:-9}"
[[ -x "$binary" ]] || { echo "error: $binary not found: run make build" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/make_map.py" 200 > "$work/map.json"

/usr/bin/python3 - "$binary" "$work" "$runs" <<'PY'
import math, subprocess, sys, time
binary, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = f"{work}/map.json"
def best(cmd):
    b = math.inf
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        b = min(b, time.perf_counter() - t)
    return b
reference = best([binary, "sroi", path, "--format", "json"])
pdf = best([binary, "report", path, "--pdf", f"{work}/report.pdf"])
html = best([binary, "report", path, "--html", f"{work}/report.html"])
pages = "?"
try:
    info = subprocess.run(["pdfinfo", f"{work}/report.pdf"], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")), "?")
except FileNotFoundError:
    pass
ok = pdf < 0.300
print(f"report --pdf, 200 outcomes ({pages} pages): {pdf*1000:.1f} ms (best of {runs}); limit 300 ms")
print(f"report --html, 200 outcomes: {html*1000:.1f} ms")
print(f"reference (valuemark sroi, same map): {reference*1000:.1f} ms; pdf / reference = {pdf/reference:.1f}x")
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
