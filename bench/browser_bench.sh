#!/usr/bin/env bash
# Browser speed of the impact-map editor (issue 13): main-thread work per
# keystroke on a 200-outcome map, from a Chromium performance trace, against
# a 2-outcome map in the same run. Needs the web app built (make web), in
# web/dist or in VALUEMARK_WEB_DIST (another `vite build --outDir`).
#   bench/browser_bench.sh [VALUEMARK_BINARY]      KEYS (default 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
dist="${VALUEMARK_WEB_DIST:-$root/web/dist}"
if [ ! -f "$dist/index.html" ]; then
  [ -n "${VALUEMARK_WEB_DIST:-}" ] && { echo "no web app built in $dist" >&2; exit 2; }
  (cd "$root/web" && npm run -s build >/dev/null)
fi
VALUEMARK_BIN="$binary" node "$here/browser_bench.mjs"
