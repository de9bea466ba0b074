# The two commands of README.md: `make run` and `make test`. Both install what
# is missing (scripts/install-deps.sh), then build.
JOBS  ?= $(shell nproc)
BUILD ?= build
FUZZ_BUILD ?= build-fuzz
# The sanitizer build of `make test`: the same clang 19, ASan and UBSan as
# FUZZ_BUILD, but unoptimised. It compiles in 45 % of the time of -O2 (one
# unity file of the app library: 18.8 s against 43.9 s); its tests and a 3 s
# run of each harness on its seeds need no speed. `make fuzz` keeps -O2.
SANITIZE_BUILD ?= build-asan
# `make fuzz`: each harness for FUZZ_SECONDS (default 60), or FUZZ_RUNS
# executions; FUZZ_HARNESSES names some (default all); FUZZ_JOBS side by side.
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
DB    ?= sqlite:$(BUILD)/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: openapi all deps deps-test build cpp web run lint lint-cpp lint-docs lint-web format test test-cpp test-web test-asan test-fuzz fuzz fuzz-build sanitize-build bench clean

all: build

deps:
	@bash scripts/install-deps.sh

deps-test:
	@bash scripts/install-deps.sh test

build: deps cpp web

# Every build directory is generated for Ninja, which compiles a target's
# files while the libraries it links are still being built, where Make's
# generator builds one target after another: the sanitizer build takes 2 min
# 50 s with Ninja and 3 min 37 s with Make on 2 cores. A directory configured
# earlier for Make is configured again (its cache only: a database in it stays).
define configure
	@if [ -f $(1)/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' $(1)/CMakeCache.txt; then \
	  rm -rf $(1)/CMakeCache.txt $(1)/CMakeFiles; fi
	@cmake -G Ninja -S . -B $(1) $(2) >/dev/null
endef

cpp:
	$(call configure,$(BUILD),$(CMAKE_FLAGS))
	@cmake --build $(BUILD) -j$(JOBS)

# npm ci only when the lock file changed since the last install.
web/node_modules/.installed: web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web: web/node_modules/.installed
	@cd web && npm run --silent build

# The server on SQLite with demo data; the URL and logins are printed.
run: build
	@$(BUILD)/src/cli/valuemark serve --demo --db $(DB) --listen $(LISTEN)

# Every test: unit, golden-file, storage contract (SQLite and a throwaway
# PostgreSQL server), API, web unit tests, end-to-end in Chromium, then the
# unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer, and
# each fuzzing harness for a few seconds on its seeds (fuzz/README.md).
# The checks of `make lint` come first, so that a format slip fails in seconds.
test: deps-test lint build test-cpp test-web test-asan test-fuzz

# The repo's declared habits: C++ in the format of .clang-format (clang-format 14)
# and in pieces a reader can hold (scripts/check-sizes.py: files of about 800
# lines at most, functions of about 150), every document a comment cites in
# the repo, and an ESLint-clean web app and end-to-end tests
# (web/eslint.config.js).
lint: lint-cpp lint-docs lint-web

lint-cpp:
	@bash scripts/check-format.sh
	@python3 scripts/check-sizes.py

lint-docs:
	@python3 scripts/check-citations.py

lint-web: web/node_modules/.installed
	@cd web && npm run --silent lint

# Rewrites every tracked C++ file in the repo's format.
format:
	@bash scripts/check-format.sh --fix

# Under with-postgres.sh, which sets VALUEMARK_TEST_PG_REQUIRED: a PostgreSQL
# test that finds no server fails here (ctest alone skips it).
test-cpp:
	@VALUEMARK_TEST_PG_REQUIRED=1 bash scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The end-to-end files two at a time: each starts its own server and browser,
# and they wait on pages more than they compute (33 files: 406 s one at a
# time, 370 s two at a time on 2 cores).
E2E_JOBS ?= 2
test-web:
	@cd web && npm test --silent
	@cd web && VALUEMARK_BIN=../$(BUILD)/src/cli/valuemark node --test --test-concurrency=$(E2E_JOBS) e2e/

# The unit tests again in the sanitizer build (clang 19 with ASan and UBSan,
# unoptimised), which also builds the fuzzing harnesses for test-fuzz.
ASAN_TESTS = core_tests formats_tests report_tests app_tests http_tests notify_tests
test-asan: sanitize-build
	@cmake --build $(SANITIZE_BUILD) -j$(JOBS) --target $(ASAN_TESTS)
	@ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j$(JOBS) -R '^(core|formats|report|app|http|notify)\.'

# docs/openapi.json anew from the server's own document (an API test checks
# that the copy is current; the web app's API types are generated from it).
openapi: cpp
	@VALUEMARK_WRITE_OPENAPI=1 $(BUILD)/tests/api/api_tests --gtest_filter='*TheCopyInDocsIsTheServedDocument' >/dev/null
	@echo "openapi: docs/openapi.json written"

# The libFuzzer harnesses of fuzz/, built with Debian's clang 19, ASan and UBSan:
# at -O2 for fuzzing (fuzz-build), unoptimised for make test (sanitize-build).
SANITIZER_CMAKE = -DCMAKE_CXX_COMPILER=clang++-19 -DVALUEMARK_FUZZ=ON -DVALUEMARK_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
fuzz-build:
	@bash scripts/install-deps.sh test
	$(call configure,$(FUZZ_BUILD),$(SANITIZER_CMAKE) "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only")
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzzers

sanitize-build:
	@bash scripts/install-deps.sh test
	$(call configure,$(SANITIZE_BUILD),$(SANITIZER_CMAKE) "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only")
	@cmake --build $(SANITIZE_BUILD) -j$(JOBS) --target fuzzers

# Every harness for 3 seconds on its seed corpus: a regression test of the
# inputs that once crashed, and a check that each harness still builds and runs
# (the API fixture is made anew every 2,000 inputs, so remaking it is fuzzed too).
# One harness per core, side by side: nothing else runs by then.
test-fuzz: sanitize-build
	@FUZZ_BUILD=$(SANITIZE_BUILD) FUZZ_SECONDS=3 FUZZ_NICE=0 FUZZ_JOBS=$(JOBS) FUZZ_API_REBUILD_EVERY=2000 bash fuzz/run.sh

# Fuzzing for as long as asked, e.g. `make fuzz FUZZ_SECONDS=3600` or
# `make fuzz FUZZ_RUNS=10000000 FUZZ_HARNESSES="lm3 scheme" FUZZ_JOBS=2`.
fuzz: fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) \
	  bash fuzz/run.sh $(FUZZ_HARNESSES)

# Every benchmark (bench/run_all.sh); those of the server on SQLite, or on a
# throwaway PostgreSQL with `make bench DB=postgresql`.
bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run_all.sh --db $(or $(DB),sqlite)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD) $(SANITIZE_BUILD) web/dist
