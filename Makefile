# The two commands of README.md: `make run` and `make test`. Both install what
# is missing (scripts/install-deps.sh), then build.
JOBS  ?= $(shell nproc)
BUILD ?= build
ASAN  ?= build-asan
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
DB    ?= sqlite:$(BUILD)/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps deps-test build cpp web run test test-cpp test-web test-asan bench clean

all: build

deps:
	@bash scripts/install-deps.sh

deps-test:
	@bash scripts/install-deps.sh test

build: deps cpp web

cpp:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
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
# unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps-test build test-cpp test-web test-asan

test-cpp:
	@bash scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

test-web:
	@cd web && npm test --silent
	@cd web && VALUEMARK_BIN=../$(BUILD)/src/cli/valuemark node --test --test-concurrency=1 e2e/

test-asan:
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DVALUEMARK_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN) -j$(JOBS) --target core_tests formats_tests report_tests
	@ctest --test-dir $(ASAN) --output-on-failure -j$(JOBS) -R '^(core|formats|report)\.'

bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run_all.sh

clean:
	rm -rf $(BUILD) $(ASAN) web/dist
