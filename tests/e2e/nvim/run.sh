#!/usr/bin/env bash
# Headless Neovim end-to-end test of editors/nvim.
#   tests/e2e/nvim/run.sh SERVER_BIN
# Uses $NVIM (default: nvim on PATH, Debian 12's 0.7.2) with editors/nvim set up as
# editors/nvim/README.md says, opens tests/e2e/fixtures/<expect.file> (from a temp copy), and
# checks diagnostics, hover, completion and a quick fix against tests/e2e/fixtures/expect.json,
# and that no deprecated Neovim API was used (vim.deprecate calls, :messages, stderr).
# E2E_NVIM_INIT picks the user config:
#   setup   (default) init.lua: require('policy_lsp').setup({...}), any Neovim from 0.7
#   native  init-native.lua: vim.lsp.config + vim.lsp.enable('policy_lsp') of
#           editors/nvim/lsp/policy_lsp.lua (Neovim 0.11+), the server first on PATH as `policy-lsp`
# Writes tests/artifacts/$E2E_ART_NAME/result.json (default nvim; + lsp.log on failure). Exit 0 = pass.
# Env: E2E_EXPECT (default fixtures/expect.json), NVIM, E2E_NVIM_INIT, E2E_ART_NAME, E2E_KEEP=1 keeps the temp dir.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
SERVER="${1:?usage: run.sh SERVER_BIN}"
SERVER="$(cd "$(dirname "$SERVER")" && pwd)/$(basename "$SERVER")"
NVIM="${NVIM:-nvim}"
MODE="${E2E_NVIM_INIT:-setup}"
EXPECT="${E2E_EXPECT:-$E2E/fixtures/expect.json}"
ART="$ROOT/tests/artifacts/${E2E_ART_NAME:-nvim}"
rm -rf "$ART"
mkdir -p "$ART"
command -v "$NVIM" >/dev/null || { echo "nvim not found: $NVIM (run tests/e2e/setup.sh)" >&2; exit 2; }
[ -x "$SERVER" ] || { echo "server binary not executable: $SERVER" >&2; exit 2; }
case "$MODE" in
  setup) INIT="$HERE/init.lua" ;;
  native) INIT="$HERE/init-native.lua" ;;
  *) echo "E2E_NVIM_INIT must be setup or native, not $MODE" >&2; exit 2 ;;
esac

TMP="$(mktemp -d)"
trap '[ "${E2E_KEEP:-0}" = 1 ] && echo "kept $TMP" >&2 || rm -rf "$TMP"' EXIT
cp -r "$E2E/fixtures" "$TMP/fixtures"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache" XDG_STATE_HOME="$TMP/state"
export POLICY_LSP_NVIM_PLUGIN="$ROOT/editors/nvim" POLICY_LSP_SERVER="$SERVER"
export E2E_EXPECT="$EXPECT" E2E_WS_ROOT="$TMP/fixtures" E2E_RESULT="$TMP/result.json" E2E_NVIM_INIT="$MODE"
if [ "$MODE" = native ]; then
  # As a user who ran `cargo install`: `policy-lsp` on PATH is what lsp/policy_lsp.lua runs.
  mkdir -p "$TMP/bin"
  ln -s "$SERVER" "$TMP/bin/policy-lsp"
  export PATH="$TMP/bin:$PATH"
  "$NVIM" --headless -u NONE -i NONE -n +'lua io.stdout:write(vim.fn.has("nvim-0.11"))' +'qa!' 2>/dev/null | grep -qx 1 \
    || { echo "E2E_NVIM_INIT=native needs Neovim 0.11+; $NVIM is $("$NVIM" --version | head -1)" >&2; exit 2; }
fi
total_ms="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("timeouts_ms",{}).get("nvim_total",60000))' "$EXPECT")"
outer=$(( total_ms / 1000 + 15 ))

start=$(date +%s%N)
cd "$TMP"
# --cmd deprecations.lua: records vim.deprecate calls before the user config loads.
# -u INIT: the README's setup (filetype detection stays on, unlike -u NONE).
timeout -k 5 "$outer" "$NVIM" --headless -n -i NONE --cmd "luafile $HERE/deprecations.lua" -u "$INIT" -c "luafile $HERE/e2e.lua" </dev/null >"$TMP/nvim.out" 2>&1
rc=$?
end=$(date +%s%N)
wall_ms=$(( (end - start) / 1000000 ))
if [ -s "$TMP/result.json" ]; then
  cp "$TMP/result.json" "$ART/result.json"
else
  rc=${rc/#0/1}
  printf '{"ok":false,"errors":["no result written (nvim rc=%s)"]}\n' "$rc" > "$ART/result.json"
fi
[ "$rc" = 124 ] && rc=3
# Anything Neovim printed about deprecated APIs fails the run too.
if grep -qi 'deprecat' "$TMP/nvim.out"; then
  echo "  FAIL nvim printed a deprecation warning:" >&2
  grep -i -A3 'deprecat' "$TMP/nvim.out" | head -20 >&2
  [ "$rc" = 0 ] && rc=1
fi
cp "$TMP/nvim.out" "$ART/nvim.out"
python3 - "$ART/result.json" "$wall_ms" "$rc" <<'PY'
import json, sys
p, wall, rc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = json.load(open(p)); r["wall_ms"] = wall; r["rc"] = rc
json.dump(r, open(p, "w"), indent=2)
for c in r.get("checks", []):
    print(("  ok   " if c["ok"] else "  FAIL ") + c["name"])
for e in r.get("errors", []):
    print("  error: " + str(e)[:400])
print(f"nvim e2e: {'PASS' if rc == 0 else 'FAIL'} rc={rc} wall={wall/1000:.2f}s nvim={r.get('nvim')} init={r.get('init')} api={r.get('api')}")
PY
if [ "$rc" != 0 ]; then
  cat "$TMP/nvim.out" | tail -20 >&2
  [ -f "$TMP/state/nvim/lsp.log" ] && cp "$TMP/state/nvim/lsp.log" "$ART/lsp.log"
  [ -f "$TMP/cache/nvim/lsp.log" ] && cp "$TMP/cache/nvim/lsp.log" "$ART/lsp.log"
fi
exit "$rc"
