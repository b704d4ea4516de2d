#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan, -Werror: this is also
# the clang build of the whole program), replays each seed corpus, then fuzzes
# each target for SECONDS into a scratch corpus. Crashes fail the run; their
# inputs are kept in .fuzz/ for tests/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${2:-10}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" >/dev/null

total=0
for bin in "$build"/tests/fuzz/fuzz_*; do
  [ -f "$bin" ] && [ -x "$bin" ] || continue
  name=$(basename "$bin" | sed 's/^fuzz_//')
  seeds="tests/fuzz/corpus/$name"
  work=".fuzz/$name"
  mkdir -p "$work" "$seeds"
  # Replay the seeds and every old crasher first: they must all pass.
  regress=()
  [ -d "tests/fuzz/regressions/$name" ] && regress=("tests/fuzz/regressions/$name")
  "$bin" -runs=0 "$seeds" "${regress[@]}" >/dev/null 2>"$work.replay.log" || { cat "$work.replay.log"; exit 1; }
  "$bin" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/" -timeout=10 -rss_limit_mb=2048 \
    "$work" "$seeds" >"$work.log" 2>&1 || { tail -40 "$work.log"; echo "fuzz: $name failed; input kept in $work/"; exit 1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log" | tail -1)
  total=$((total + ${runs:-0}))
  echo "fuzz $name: ${runs:-?} executions in ${seconds}s, no crash"
done
echo "fuzz: $total executions in all"
