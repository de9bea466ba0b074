#!/usr/bin/env bash
# Runs every benchmark; each prints its figures and PASS or FAIL.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
for b in sroi_bench.sh report_bench.sh montecarlo_bench.sh server_bench.sh impact_map_bench.sh survey_bench.sh fairness_bench.sh benchmarks_bench.sh browser_bench.sh; do
  echo "== $b"
  bash "$here/$b" "$@" || status=1
  echo
done
exit $status
