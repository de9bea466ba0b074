#!/usr/bin/env bash
# The checks of `make lint` on a throwaway repository: each passes a clean tree
# and fails, naming the file, on the fault it is there to catch.
#   lint_scripts_test.sh SOURCE_DIR
set -euo pipefail
src="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

repo="$work/repo"
mkdir -p "$repo/scripts" "$repo/src" "$repo/docs"
cp "$src/scripts/check-format.sh" "$src/scripts/check-citations.py" "$repo/scripts/"
cp "$src/.clang-format" "$repo/"
git -C "$repo" init -q
printf 'int Answer() { return 42; }\n' >"$repo/src/answer.cpp"
printf '# Guide\n' >"$repo/docs/guide.md"
mkdir -p "$repo/web" && printf '# R\n' >"$repo/README.md" && printf '# W\n' >"$repo/web/README.md"
printf '// See docs/guide.md.\nint Answer();\n' >"$repo/src/answer.h"
printf 'See [the guide](guide.md).\n' >"$repo/docs/index.md"
git -C "$repo" add -A

# 1. The format check: a clean tree passes; a file out of format is named, with the fix.
bash "$repo/scripts/check-format.sh" >/dev/null || fail "check-format refused a tree in format"
printf 'int  Answer() {return 42;}\n' >"$repo/src/answer.cpp"
if bash "$repo/scripts/check-format.sh" 2>"$work/format.err" >/dev/null; then
  fail "check-format accepted a file out of format"
fi
grep -q "^  src/answer.cpp$" "$work/format.err" || fail "check-format did not name the file: $(cat "$work/format.err")"
grep -q "make format" "$work/format.err" || fail "check-format did not say how to fix it"
bash "$repo/scripts/check-format.sh" --fix
bash "$repo/scripts/check-format.sh" >/dev/null || fail "check-format --fix did not fix the file"
echo "ok: check-format"

# 2. The citation check: a clean tree passes; a document not in the repository is named.
python3 "$repo/scripts/check-citations.py" "$repo" >/dev/null || fail "check-citations refused a tree whose citations resolve"
printf '// The rules of product.md, see http://example.org/x.md.\n' >"$repo/src/rules.h"
git -C "$repo" add src/rules.h
if python3 "$repo/scripts/check-citations.py" "$repo" 2>"$work/cite.err" >/dev/null; then
  fail "check-citations accepted a citation of a missing document"
fi
grep -q "^src/rules.h:1: cites product.md" "$work/cite.err" || fail "check-citations did not name it: $(cat "$work/cite.err")"
grep -q "x.md" "$work/cite.err" && fail "check-citations took a URL for a citation"
echo "ok: check-citations"
echo "2 passed, 0 failed"
