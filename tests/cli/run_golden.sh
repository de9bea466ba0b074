#!/usr/bin/env bash
# Runs one golden-file case of the valuemark command line and compares its
# standard output, standard error and exit status with the reviewed files.
#   run_golden.sh VALUEMARK CASE_DIR
# A case directory holds `args` (the arguments, one line, paths relative to the
# case directory), optionally `stdin`, and the expected `stdout`, `stderr` and `exit`. With
# UPDATE_GOLDEN=1 the expected files are rewritten instead (review the diff!).
set -uo pipefail
bin="$1"
case_dir="$2"
cd "$case_dir" || exit 2
read -r -a args < args
actual_out=$(mktemp) actual_err=$(mktemp)
trap 'rm -f "$actual_out" "$actual_err"' EXIT
input=/dev/null
[ -f stdin ] && input=stdin
"$bin" "${args[@]}" >"$actual_out" 2>"$actual_err" <"$input"
status=$?
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual_out" stdout; cp "$actual_err" stderr; echo "$status" > exit
  exit 0
fi
failed=0
if [ "$status" != "$(cat exit)" ]; then
  echo "exit status: expected $(cat exit), got $status"; failed=1
fi
if ! diff -u stdout "$actual_out"; then echo "(standard output differs)"; failed=1; fi
if ! diff -u stderr "$actual_err"; then echo "(standard error differs)"; failed=1; fi
exit $failed
