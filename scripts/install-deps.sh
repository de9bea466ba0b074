#!/usr/bin/env bash
# Installs, from Debian's packages, exactly what ValueMark needs and is not
# yet installed. Idempotent: a second run installs nothing and takes no time.
#   scripts/install-deps.sh          what the build needs (and `make run`)
#   scripts/install-deps.sh test     also what the tests need
#   scripts/install-deps.sh bench    also what the benchmarks need
set -euo pipefail

build_packages=(
  g++ cmake make ninja-build pkg-config
  libfmt-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libcsv-dev libspdlog-dev
  librestinio-dev libasio-dev libhttp-parser-dev libssl-dev
  libsqlite3-dev libpq-dev libsodium-dev libcurl4-openssl-dev libqrencode-dev libjemalloc-dev
  googletest libgtest-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libxlsxwriter-dev libminizip-dev libpugixml-dev
)
# clang 19 and its libFuzzer build the fuzzing harnesses (fuzz/), linked with
# its sanitizer runtimes (libclang-rt-19-dev: ASan, UBSan, libFuzzer's
# library), which clang-19 does not pull in; Debian's default clang 14 cannot
# compile libstdc++'s std::expected. Debian's clang-format (14) checks the C++
# format (`make lint`).
test_packages=(postgresql chromium fonts-dejavu-core openssl curl python3 poppler-utils clang-19 libfuzzer-19-dev
  libclang-rt-19-dev clang-format)
bench_packages=(python3 python3-numpy hyperfine wrk)

wanted=("${build_packages[@]}")
# The web app is built with Node.js and npm; Debian's will do where none is installed.
command -v node >/dev/null 2>&1 || wanted+=(nodejs)
command -v npm >/dev/null 2>&1 || wanted+=(npm)
for group in "$@"; do
  case "$group" in
    test) wanted+=("${test_packages[@]}") ;;
    bench) wanted+=("${test_packages[@]}" "${bench_packages[@]}") ;;
    *) echo "install-deps: unknown group '$group' (known: test, bench)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
