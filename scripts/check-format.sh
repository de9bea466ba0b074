#!/usr/bin/env bash
# Checks that every tracked C++ file is in the repo's declared format
# (.clang-format, as Debian's clang-format 14 applies it) and names each file
# that is not, with the command that fixes them (`make format`).
#   scripts/check-format.sh          check (exit 1 when a file differs)
#   scripts/check-format.sh --fix    rewrite the files in place
# CLANG_FORMAT names another binary; its major version must be 14, since
# other versions lay out the same code differently.
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format="${CLANG_FORMAT:-clang-format}"
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "check-format: $clang_format not found: install Debian's clang-format package (scripts/install-deps.sh test)" >&2
  exit 2
fi
version="$("$clang_format" --version)"
if ! [[ "$version" =~ version\ 14\. ]]; then
  echo "check-format: the repo is formatted with clang-format 14, and $clang_format is: $version" >&2
  echo "check-format: set CLANG_FORMAT to a clang-format 14 binary (e.g. CLANG_FORMAT=clang-format-14)" >&2
  exit 2
fi

mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.cc' '*.cxx' '*.h' '*.hpp' '*.hh')

if [ "${1:-}" = "--fix" ]; then
  printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$clang_format" -i
  exit 0
fi

# One run over all files: each difference is reported as "FILE:LINE:COL: error: ...".
status=0
output="$(printf '%s\0' "${files[@]}" |
  xargs -0 -n 50 "$clang_format" --dry-run --Werror 2>&1 >/dev/null)" || status=$?
mapfile -t differ < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: .*/\1/p' <<<"$output" | sort -u)
if [ "$status" -ne 0 ] && [ ${#differ[@]} -eq 0 ]; then
  echo "check-format: $clang_format failed:" >&2
  echo "$output" >&2
  exit 2
fi
if [ ${#differ[@]} -gt 0 ]; then
  echo "check-format: ${#differ[@]} C++ file(s) differ from the repo's format (.clang-format):" >&2
  printf '  %s\n' "${differ[@]}" >&2
  echo "check-format: fix them with \`make format\` (clang-format -i on every tracked C++ file)" >&2
  exit 1
fi
echo "check-format: ${#files[@]} C++ files in the repo's format"
