#!/usr/bin/env bash
# Runs the libFuzzer harnesses of fuzz/ (built by `make fuzz` or `make
# test-fuzz` into build-fuzz/fuzz). See fuzz/README.md.
#
#   fuzz/run.sh [HARNESS...]           every harness (or those named), one after the other
#
#   FUZZ_SECONDS=N   run each for N seconds (default 3: `make test` runs each on its seeds)
#   FUZZ_RUNS=N      or for N executions instead (e.g. 10000000)
#   FUZZ_JOBS=N      harnesses run side by side (default 1; at most 2 on a shared machine)
#   FUZZ_BUILD=DIR   the build directory (default build-fuzz)
#   FUZZ_NICE=N      niceness of the fuzzing processes (default 19)
#   FUZZ_OUT=DIR     where finds, crashes and logs go (default the build directory)
#
# The seeds in fuzz/corpus/<harness> are only read; what a run finds goes to
# $FUZZ_BUILD/corpus/<harness> (kept between runs), a crash to
# $FUZZ_BUILD/crashes/<harness>/ and the run's output to $FUZZ_BUILD/logs/.
# Ends with "N passed, N failed" and exits non-zero when any harness failed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-3}
runs=${FUZZ_RUNS:-}
jobs=${FUZZ_JOBS:-1}
niceness=${FUZZ_NICE:-19}
out=${FUZZ_OUT:-$build}

all=(impact_map_json impact_map_csv impact_map_xlsx lm3 scheme certificate survey_design survey_responses api_router)
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")

# The dictionary of each harness.
dict_of() {
  case "$1" in
    impact_map_json|impact_map_csv|impact_map_xlsx) echo impact_map.dict ;;
    survey_design|survey_responses) echo survey.dict ;;
    *) echo "$1.dict" ;;
  esac
}

# Findings abort, with a stack; a leak is a finding too. New memory is not
# pre-filled and the quarantine of freed memory is 64 MB: together twice the
# executions per second, still catching use after free within that window.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1:allocator_may_return_null=1:max_malloc_fill_size=0:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/src/report/lsan.supp}

run_one() {
  local h=$1 bin="$build/fuzz/fuzz_$1"
  local work="$out/corpus/$h" crashes="$out/crashes/$h/" log="$out/logs/$h.log"
  mkdir -p "$work" "$crashes" "$out/logs"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is missing (make fuzz builds it)" >"$log"
    return 1
  fi
  local limit=(-max_total_time="$seconds")
  [ -n "$runs" ] && limit=(-runs="$runs")
  local dict="$here/dict/$(dict_of "$h")" dict_arg=()
  [ -f "$dict" ] && dict_arg=(-dict="$dict")
  local start=$SECONDS
  nice -n "$niceness" "$bin" "${limit[@]}" "${dict_arg[@]}" -timeout=30 -rss_limit_mb=4096 -print_funcs=0 \
    -print_final_stats=1 -artifact_prefix="$crashes" "$work" "$here/corpus/$h" >"$log" 2>&1
  local rc=$?
  local done_line cov
  done_line=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "fuzz: $h ok: ${done_line:-no summary} (${cov:-no coverage line}), $((SECONDS - start)) s"
  else
    echo "fuzz: $h FAILED (exit $rc): see $log; the input is in $crashes"
    grep -aE 'ERROR|runtime error|fuzz check failed|Test unit written' "$log" | head -5 | sed 's/^/fuzz:   /'
  fi
  return $rc
}

# One harness, for the parallel mode below.
if [ "${1:-}" = --one ]; then
  run_one "$2"
  exit
fi

passed=0 failed=0
if [ "$jobs" -le 1 ]; then
  for h in "${harnesses[@]}"; do
    if run_one "$h"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
else
  results=$(mktemp)
  printf '%s\n' "${harnesses[@]}" | xargs -P "$jobs" -I{} bash -c \
    'if "$0" --one {}; then echo ok >>"$1"; else echo fail >>"$1"; fi' "$0" "$results"
  passed=$(grep -c '^ok$' "$results")
  failed=$(grep -c '^fail$' "$results")
  rm -f "$results"
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
