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
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install --locked cargo-fuzz >&2
fi
cd "$ROOT/fuzz"
cargo fuzz build --sanitizer none >&2
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
mkdir -p "$CACHE/artifacts"
status=0
for target in analyze edits; do
  mkdir -p "$CACHE/$target"
  log=$CACHE/$target.log
  set +e
  "$CARGO_TARGET_DIR/$TRIPLE/release/$target" -max_total_time="$SECONDS_EACH" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$CACHE/artifacts/$target-" \
    "$CACHE/$target" >"$log" 2>&1
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
