#!/usr/bin/env bash
# Browser speed of the impact-map editor (issue 13): main-thread work per
# keystroke on a 200-outcome map, from a Chromium performance trace, against
# a 2-outcome map in the same run. Needs the web app built (make web).
#   bench/browser_bench.sh [VALUEMARK_BINARY]      KEYS (default 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
[ -f "$root/web/dist/index.html" ] || (cd "$root/web" && npm run -s build >/dev/null)
VALUEMARK_BIN="$binary" node "$here/browser_bench.mjs"
