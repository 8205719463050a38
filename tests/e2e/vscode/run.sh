#!/usr/bin/env bash
# Real VS Code (code-server 4.100.3 + headless chromium) end-to-end test of editors/vscode.
#   tests/e2e/vscode/run.sh SERVER_BIN [VSIX]
# Needs tests/e2e/setup.sh to have run (chromium, code-server, the packaged .vsix).
# E2E_SCENARIO=missing-server | language-extensions: see run.mjs.
# Screenshots + result.json: tests/artifacts/vscode[-SCENARIO]/. Exit 0 = pass.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: run.sh SERVER_BIN [VSIX]" >&2; exit 2; }
[ -x "$HERE/../node_modules/.bin/code-server" ] || { echo "code-server missing: run tests/e2e/setup.sh" >&2; exit 2; }
if ! ls "$ROOT"/editors/vscode/policy-lsp-*.vsix >/dev/null 2>&1 && [ $# -lt 2 ]; then
  (cd "$ROOT/editors/vscode" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent package >/dev/null) || exit 2
fi
ART_NAME=vscode${E2E_SCENARIO:+-$E2E_SCENARIO}   # vscode, vscode-missing-server, vscode-language-extensions
start=$(date +%s%N)
timeout -k 10 300 node "$HERE/run.mjs" "$@"
rc=$?
wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" = 124 ] && rc=3
python3 - "$ROOT/tests/artifacts/${ART_NAME:-vscode}/result.json" "$wall_ms" "$rc" <<'PY'
import json, os, sys
p, wall, rc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = json.load(open(p)) if os.path.exists(p) else {"errors": ["no result.json"]}
r["wall_ms"] = wall; r["rc"] = rc
os.makedirs(os.path.dirname(p), exist_ok=True)
json.dump(r, open(p, "w"), indent=2)
for c in r.get("checks", []):
    print(("  ok   " if c["ok"] else "  FAIL ") + c["name"])
for e in r.get("errors", []):
    print("  error: " + str(e)[:400])
print(f"vscode e2e{' (' + os.environ['E2E_SCENARIO'] + ')' if os.environ.get('E2E_SCENARIO') else ''}: {'PASS' if rc == 0 else 'FAIL'} rc={rc} wall={wall/1000:.2f}s")
PY
exit "$rc"
