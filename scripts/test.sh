#!/usr/bin/env bash
# make test: builds with ASan+UBSan (gcc), runs the unit tests, the API tests
# against a real server, and every fuzz target (built with clang) over its
# corpus and briefly beyond. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
start=$(date +%s)

echo "== build (gcc, ASan+UBSan, -Werror)"
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all --buildtype=debugoptimized >/dev/null
fi
ninja -C build-asan >/dev/null

echo "== release build (gcc -O3, as make run builds it)"
if [ ! -f build-release/build.ninja ]; then
  meson setup build-release --buildtype=release >/dev/null
fi
ninja -C build-release >/dev/null

echo "== unit tests (cmocka)"
meson test -C build-asan --print-errorlogs --num-processes 2 | tee build-asan/unit.log
unit_pass=$(sed -n 's/^Ok: *//p' build-asan/unit.log | tail -1)

echo "== node packages (playwright-core, axe-core, smtp-server: npm ci when the lock file changed)"
# npm ci only when node_modules is missing or package-lock.json changed since it ran.
if [ ! -d node_modules ] || ! cmp -s package-lock.json node_modules/.pw-package-lock.json; then
  npm ci --no-audit --no-fund && cp package-lock.json node_modules/.pw-package-lock.json
fi

echo "== API tests (node --test, real server, real database, a real SMTP sink)"
PW_BIN="$PWD/build-asan/pestwijzer" node --test --test-concurrency=2 tests/api/ | tee build-asan/api.log
api_pass=$(sed -n 's/^# pass *//p' build-asan/api.log | tail -1)

echo "== browser tests (node --test, playwright-core + Debian's chromium, axe-core)"
PW_BIN="$PWD/build-asan/pestwijzer" node --test tests/e2e/ | tee build-asan/e2e.log
e2e_pass=$(sed -n 's/^# pass *//p' build-asan/e2e.log | tail -1)

echo "== fuzz targets (clang libFuzzer): replay corpora, then ${FUZZ_SECONDS:-10}s each"
scripts/fuzz.sh build-fuzz "${FUZZ_SECONDS:-10}"

echo "== make test passed in $(( $(date +%s) - start ))s: ${unit_pass} unit suites, ${api_pass} API tests, ${e2e_pass} browser tests, fuzz targets clean"
echo "$((unit_pass + api_pass + e2e_pass)) passed, 0 failed"
