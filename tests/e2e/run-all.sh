#!/usr/bin/env bash
# Runs every editor end-to-end test against a policy-lsp binary.
#   tests/e2e/run-all.sh SERVER_BIN
# Installs what is missing first (tests/e2e/setup.sh; skip with E2E_NO_SETUP=1).
# SKIP_VSCODE=1 runs only the Neovim test. The last line is "N passed, N failed".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVER="${1:?usage: run-all.sh SERVER_BIN}"
passed=0
failed=0
run() {
  local name="$1"; shift
  local s e
  s=$(date +%s%N)
  if "$@"; then passed=$((passed + 1)); r=PASS; else failed=$((failed + 1)); r=FAIL; fi
  e=$(date +%s%N)
  local ms=$(( (e - s) / 1000000 ))
  printf '== %s: %s (%d.%02ds wall)\n' "$name" "$r" $((ms / 1000)) $(((ms % 1000) / 10))
}
if [ "${E2E_NO_SETUP:-0}" != 1 ]; then
  if ! "$HERE/setup.sh"; then
    echo "setup failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
run nvim "$HERE/nvim/run.sh" "$SERVER"
if [ "${SKIP_VSCODE:-0}" != 1 ]; then
  run vscode "$HERE/vscode/run.sh" "$SERVER"
  run vscode-missing-server env E2E_SCENARIO=missing-server "$HERE/vscode/run.sh" "$SERVER"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
