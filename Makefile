# Thin entry points over Meson. `make run` and `make test` work on a fresh
# Debian machine (as root or with sudo): they install what is missing first.
DB ?= pestwijzer.db
LISTEN ?= 127.0.0.1:8080
BUILD ?= build
TESTBUILD ?= build-asan
FUZZBUILD ?= build-fuzz
FUZZ_SECONDS ?= 10

.PHONY: all run build test test-unit test-api test-fuzz bench fuzz deps clean

all: build

deps:
	@scripts/install-deps.sh run

build: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) --buildtype=release >/dev/null
	@ninja -C $(BUILD) >/dev/null

run: build
	@test -f $(DB) || $(BUILD)/pestwijzer demo --cases --db $(DB) >/dev/null
	@echo "Demo-logins (wachtwoord: demo): docent, mentor, clz, apc, mt, beheerder"
	@echo "Pestwijzer draait op http://$(LISTEN) (stoppen: Ctrl-C)"
	@exec $(BUILD)/pestwijzer serve --db $(DB) --listen $(LISTEN)

# The whole suite, under AddressSanitizer and UndefinedBehaviorSanitizer.
test:
	@scripts/install-deps.sh test
	@scripts/test.sh

bench:
	@scripts/install-deps.sh bench
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) --buildtype=release >/dev/null
	@ninja -C $(BUILD) >/dev/null
	@bench/run.sh $(BUILD)/pestwijzer $(BUILD)/pw-bench-commits

# Long fuzzing campaigns (make fuzz FUZZ_SECONDS=3600).
fuzz:
	@scripts/install-deps.sh test
	@scripts/fuzz.sh $(FUZZBUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(TESTBUILD) $(FUZZBUILD)
