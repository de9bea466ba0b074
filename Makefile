# The two commands of README.md: `make run` and `make test`. Both install what
# is missing (scripts/install-deps.sh), then build.
JOBS  ?= $(shell nproc)
BUILD ?= build
ASAN  ?= build-asan
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build run test test-release test-asan bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# Until the server exists, `run` shows the command line at work on an example.
run: build
	@echo "== valuemark sroi examples/lunch-club.json"
	@$(BUILD)/src/cli/valuemark sroi examples/lunch-club.json
	@echo
	@echo "== valuemark montecarlo examples/lunch-club.json --draws 20000"
	@$(BUILD)/src/cli/valuemark montecarlo examples/lunch-club.json --draws 20000
	@echo
	@echo "== valuemark lint examples/lunch-club.json"
	@$(BUILD)/src/cli/valuemark lint examples/lunch-club.json || true
	@echo
	@echo "== valuemark lm3 examples/cafe-lm3.json"
	@$(BUILD)/src/cli/valuemark lm3 examples/cafe-lm3.json

# Every test: unit and golden-file tests on the release build, then the unit
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: test-release test-asan

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DVALUEMARK_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN) -j$(JOBS) --target core_tests formats_tests
	@cd $(ASAN) && ctest --output-on-failure -j$(JOBS) -R '^(core|formats)\.'

bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run_all.sh

clean:
	rm -rf $(BUILD) $(ASAN)
