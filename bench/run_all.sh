#!/usr/bin/env bash
# Runs every benchmark; each prints its figures and PASS or FAIL.
#   bench/run_all.sh [--db sqlite|postgresql|URL] [VALUEMARK_BINARY]
# The benches of the server and its database take --db; those of the command
# line and the browser (sroi, report, montecarlo, browser) use no database and
# get the binary alone.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db_args=() binary_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db_args=(--db "$2"); shift 2 ;;
    --db=*) db_args=("$1"); shift ;;
    *) binary_args+=("$1"); shift ;;
  esac
done
status=0
for b in sroi_bench.sh report_bench.sh montecarlo_bench.sh server_bench.sh impact_map_bench.sh \
         survey_bench.sh fairness_bench.sh directory_bench.sh benchmarks_bench.sh browser_bench.sh; do
  echo "== $b"
  case "$b" in
    sroi_bench.sh | report_bench.sh | montecarlo_bench.sh | browser_bench.sh)
      bash "$here/$b" "${binary_args[@]}" || status=1 ;;
    *) bash "$here/$b" "${db_args[@]}" "${binary_args[@]}" || status=1 ;;
  esac
  echo
done
exit $status
