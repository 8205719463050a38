#!/usr/bin/env bash
# The project's whole test run, from a fresh clone: installs what it needs, builds the
# release binary, then runs every suite. Prints one closing line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
passed=0; failed=0; failures=()
stage() { # stage NAME CMD...
  local name=$1; shift
  echo "::: $name"
  local t0=$(date +%s)
  if "$@"; then passed=$((passed+1)); echo "::: $name ok ($(( $(date +%s) - t0 ))s)"
  else failed=$((failed+1)); failures+=("$name"); echo "::: $name FAILED ($(( $(date +%s) - t0 ))s)"; fi
}

# The template corpora of server/tests/hosts_corpus/ (PyPI source packages of cfn-lint
# and tf-policy-validator, into tests/.cache), fetched before the tests; a failed fetch
# fails this stage and the corpus test alike.
stage "host corpora (fetch)" bash tests/corpus/host-corpora.sh
# One optimized build with debug assertions (profile `ci`) serves the unit, CLI and
# protocol tests and every stage below, so the code is compiled once.
stage "cargo test (profile ci)" cargo test --workspace --locked --profile ci
BIN=$ROOT/target/ci/policy-lsp
stage "formatting" cargo fmt --all -- --check
stage "examples (main command)" bash -c "'$BIN' check examples/ >/dev/null; test \$? -eq 1"
for s in tests/sarif/validate.sh tests/corpus/managed-policies.sh; do
  [ -f "$s" ] && stage "$s" bash "$s" "$BIN"
done
# libFuzzer targets (parser + analysis on arbitrary bytes; document store under random
# incremental edits; the fast HCL, YAML and JSON readers against their reference
# parsers), 10 seconds each (five targets: the stage stays near four minutes with the
# build); crashes fail the stage. Longer runs: tests/fuzz/run.sh SECONDS.
stage "fuzz (10 s per target)" bash tests/fuzz/run.sh 10
# Real editors against the release binary: headless Neovim and VS Code (code-server in
# headless Chromium). tests/e2e/setup.sh installs Neovim, Chromium and the npm packages.
stage "editors e2e (Neovim, VS Code)" bash tests/e2e/run-all.sh "$BIN"

echo
for f in "${failures[@]+"${failures[@]}"}"; do echo "failed: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
