#!/usr/bin/env bash
# Runs each cargo-fuzz (libFuzzer) target in fuzz/ for SECONDS (default 20).
#
# usage: tests/fuzz/run.sh [SECONDS]
#
# Builds with `cargo fuzz build --sanitizer none` on the stable toolchain: without a
# sanitizer cargo-fuzz passes only stable flags (-Cpasses=sancov-module and
# -Cllvm-args=-sanitizer-coverage-*), so no nightly and no RUSTC_BOOTSTRAP are needed.
# Rust code is memory-safe here (no unsafe in the crate), so AddressSanitizer would
# add little; panics and failed assertions are what the targets look for.
# Installs cargo-fuzz with `cargo install --locked` if missing. Corpora live in
# tests/.cache/fuzz/<target> (gitignored) and grow across runs; crashes are written to
# tests/.cache/fuzz/artifacts/ and make the script exit 1.
set -euo pipefail
SECONDS_EACH=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}/fuzz
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/fuzz
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
# Build the libFuzzer targets the way `cargo fuzz build --sanitizer none` does (the same
# stable coverage flags), without needing cargo-fuzz installed. The test command's short
# runs use an unoptimized build (FUZZ_PROFILE=dev, the default: it compiles faster);
# long runs should set FUZZ_PROFILE=release for ~10x the executions per second, or use
# `cargo fuzz run` (see fuzz/README.md).
PROFILE=${FUZZ_PROFILE:-dev}
FLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions"
cd "$ROOT/fuzz"
if [ "$PROFILE" = release ]; then
  RUSTFLAGS="$FLAGS" cargo build --locked --release --target "$TRIPLE" --bins >&2
  OUT=release
else
  RUSTFLAGS="$FLAGS" cargo build --locked --target "$TRIPLE" --bins >&2
  OUT=debug
fi
mkdir -p "$CACHE/artifacts"
status=0
# Committed seed inputs (read, never written: libFuzzer adds new inputs to the first
# directory only): small CloudFormation, Terraform and template files, so the short CI
# runs reach the host front ends at once.
declare -A SEEDS=([analyze]="$ROOT/fuzz/seeds/analyze" [hcl_reader]="$ROOT/fuzz/seeds/hcl" [yaml_reader]="$ROOT/fuzz/seeds/yaml" [json_reader]="$ROOT/fuzz/seeds/json")
for target in analyze edits hcl_reader yaml_reader json_reader; do
  mkdir -p "$CACHE/$target"
  log=$CACHE/$target.log
  set +e
  "$CARGO_TARGET_DIR/$TRIPLE/$OUT/$target" -max_total_time="$SECONDS_EACH" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$CACHE/artifacts/$target-" \
    "$CACHE/$target" ${SEEDS[$target]:-} >"$log" 2>&1
  rc=$?
  set -e
  line=$(grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -1 || true)
  if [ $rc -eq 0 ]; then
    echo "fuzz $target: ok, ${SECONDS_EACH}s: $line"
  else
    status=1
    echo "fuzz $target: FAILED (exit $rc); last lines of $log:"
    grep -vE '^\s+(at |[0-9]+: )' "$log" | tail -15
  fi
done
exit $status
