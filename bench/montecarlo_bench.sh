#!/usr/bin/env bash
# Monte Carlo speed check (docs/methodology.md §3): `valuemark montecarlo` on a map of
# 200 outcomes with triangular uncertainty on quantity, proxy, deadweight,
# attribution and drop-off, 100,000 draws on 2 threads, must take at most 0.2 s
# wall (process start and JSON parse included) and be at least 10x faster than
# the straightforward numpy implementation of the same model.
#
#   bench/montecarlo_bench.sh [VALUEMARK_BINARY]
#
# The binary defaults to build/src/cli/valuemark (or $VALUEMARK). Environment:
# RUNS (valuemark runs, best counts; default 5), NUMPY_RUNS (default 3),
# DRAWS (default 100000), OUTCOMES (default 200).
# Exit status: 0 all PASS, 1 a FAIL, 2 could not run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
runs="${RUNS:-5}"
numpy_runs="${NUMPY_RUNS:-3}"
draws="${DRAWS:-100000}"
outcomes="${OUTCOMES:-200}"
# Debian's python3 has python3-numpy; the python3 first on PATH may not.
python=/usr/bin/python3

if [[ ! -x "$binary" ]]; then
  echo "error: $binary not found or not executable; build it first:" >&2
  echo "  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2" >&2
  exit 2
fi
if ! "$python" -c 'import numpy' 2>/dev/null; then
  echo "error: $python has no numpy (apt-get install -y python3-numpy)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
map="$work/map.json"
"$python" "$here/make_map.py" "$outcomes" > "$map"

# Timing, the numpy runs and the verdict in one small Python program: its
# perf_counter wraps each valuemark process from spawn to exit.
"$python" - "$binary" "$map" "$draws" "$runs" "$numpy_runs" "$here/montecarlo_numpy.py" <<'EOF'
import json
import math
import subprocess
import sys
import time

binary, map_path, draws, runs, numpy_runs, numpy_script = sys.argv[1:]
draws, runs, numpy_runs = int(draws), int(runs), int(numpy_runs)
kMaxSeconds = 0.2
kMinSpeedup = 10.0

command = [binary, "montecarlo", map_path, "--draws", str(draws), "--seed", "7", "--threads", "2",
           "--format", "json"]
best = math.inf
result = None
for _ in range(runs):
    start = time.perf_counter()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode())
        print(f"error: {' '.join(command)} exited with {run.returncode}")
        sys.exit(2)
    best = min(best, elapsed)
    result = json.loads(run.stdout)

numpy_best = math.inf
numpy_result = None
for _ in range(numpy_runs):
    run = subprocess.run([sys.executable, numpy_script, map_path, str(draws)], stdout=subprocess.PIPE,
                         check=True)
    text = run.stdout.decode()
    body, _, last = text.rstrip().rpartition("\n")
    numpy_best = min(numpy_best, float(last.split()[1]))
    numpy_result = json.loads(body)

speedup = numpy_best / best
print(f"model: {len(json.load(open(map_path))['outcomes'])} outcomes, {draws} draws, seed 7")
print(f"valuemark montecarlo --threads 2: {best * 1000:8.1f} ms wall (best of {runs}, process start included)")
print(f"numpy (computation only):          {numpy_best * 1000:8.1f} ms (best of {numpy_runs})")
print(f"speed-up: {speedup:.1f}x")

# The two must compute the same model: their mean PVs agree within Monte Carlo
# error (independent samples: standard error of the difference ≈ √2·sd/√n).
ours, theirs = result["present_value"], numpy_result["present_value"]
error = math.sqrt(2) * ours["sd"] / math.sqrt(draws)
difference = abs(ours["mean"] - theirs["mean"])
print(f"mean PV: valuemark {ours['mean']:.1f}, numpy {theirs['mean']:.1f} "
      f"(difference {difference / error:.1f} standard errors)")
print(f"mean SROI ratio: valuemark {result['sroi_ratio']['mean']:.5f}, "
      f"numpy {numpy_result['sroi_ratio']['mean']:.5f}")

checks = [
    (f"wall time <= {kMaxSeconds} s", best <= kMaxSeconds),
    (f"speed-up >= {kMinSpeedup:g}x", speedup >= kMinSpeedup),
    ("same model as numpy (mean PV within 5 standard errors)", difference <= 5 * error),
]
for name, ok in checks:
    print(f"{'PASS' if ok else 'FAIL'}: {name}")
sys.exit(0 if all(ok for _, ok in checks) else 1)
EOF
